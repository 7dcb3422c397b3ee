package vn.haiphong.hpid.keycloak.broker;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.keycloak.sessions.AuthenticationSessionModel;

import vn.haiphong.hpid.spi.LevelOfAssurance;
import vn.haiphong.hpid.spi.SignInStart;
import vn.haiphong.hpid.spi.Transaction;

/**
 * Keeps the connector's {@link Transaction} in the Keycloak authentication session between the
 * redirect to VNeID and the callback, so any Keycloak node can finish the sign-in. The upstream
 * {@code state} is Keycloak's own encoded broker state: that is how the callback finds its
 * authentication session, and the connector still checks it matches.
 */
final class TransactionNotes {

    private static final String PREFIX = "hpid.vneid.";

    private TransactionNotes() {
    }

    /** The start re-bound to Keycloak's broker state, in the redirect and in the transaction alike. */
    static SignInStart withState(SignInStart start, String state) {
        Transaction t = start.transaction();
        String encoded = URLEncoder.encode(state, StandardCharsets.UTF_8);
        URI uri = start.redirectUri();
        StringBuilder query = new StringBuilder();
        for (String pair : uri.getRawQuery().split("&")) {
            query.append(query.isEmpty() ? "" : "&").append(pair.startsWith("state=") ? "state=" + encoded : pair);
        }
        String base = uri.toString().substring(0, uri.toString().indexOf('?'));
        return new SignInStart(URI.create(base + "?" + query),
                new Transaction(t.providerAlias(), state, t.codeVerifier(), t.nonce(), t.requestedLevel(),
                        t.callbackUri(), t.createdAt()));
    }

    static void store(AuthenticationSessionModel session, Transaction t) {
        session.setAuthNote(PREFIX + "alias", t.providerAlias());
        session.setAuthNote(PREFIX + "state", t.state());
        t.codeVerifier().ifPresent(v -> session.setAuthNote(PREFIX + "verifier", v));
        session.setAuthNote(PREFIX + "level", t.requestedLevel().name());
        session.setAuthNote(PREFIX + "callback", t.callbackUri().toString());
        session.setAuthNote(PREFIX + "created", t.createdAt().toString());
    }

    /** Read once: the notes are removed so a replayed callback finds nothing. */
    static Optional<Transaction> take(AuthenticationSessionModel session) {
        String state = session.getAuthNote(PREFIX + "state");
        if (state == null) {
            return Optional.empty();
        }
        Transaction t = new Transaction(session.getAuthNote(PREFIX + "alias"), state,
                Optional.ofNullable(session.getAuthNote(PREFIX + "verifier")), Optional.empty(),
                LevelOfAssurance.valueOf(session.getAuthNote(PREFIX + "level")),
                URI.create(session.getAuthNote(PREFIX + "callback")),
                Instant.parse(session.getAuthNote(PREFIX + "created")));
        for (String note : new String[] {"alias", "state", "verifier", "level", "callback", "created"}) {
            session.removeAuthNote(PREFIX + note);
        }
        return Optional.of(t);
    }
}
