package vn.haiphong.hpid.keycloak.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import vn.haiphong.hpid.spi.CallbackRequest;
import vn.haiphong.hpid.spi.LevelOfAssurance;
import vn.haiphong.hpid.spi.SignInStart;
import vn.haiphong.hpid.spi.Transaction;

class TransactionNotesTest {

    @Test
    void putsKeycloaksBrokerStateInTheRedirectAndTheTransaction() {
        Transaction t = new Transaction("vneid", "connector-state", Optional.of("verifier"), Optional.empty(),
                LevelOfAssurance.LOW, URI.create("https://kc/realms/r/broker/vneid/endpoint"), Instant.EPOCH);
        SignInStart start = new SignInStart(
                URI.create("https://vneid.example/oauth/authorize?client_id=c&state=connector-state&scope=openid"), t);

        SignInStart rebound = TransactionNotes.withState(start, "abc.tab+1/x.client");

        assertThat(rebound.transaction().state()).isEqualTo("abc.tab+1/x.client");
        assertThat(rebound.transaction().codeVerifier()).contains("verifier");
        assertThat(rebound.redirectUri().toString()).startsWith("https://vneid.example/oauth/authorize?client_id=c&state=")
                .endsWith("&scope=openid").doesNotContain("connector-state");
        assertThat(new CallbackRequest(rebound.redirectUri().getRawQuery()).parameter("state")).contains("abc.tab+1/x.client");
    }
}
