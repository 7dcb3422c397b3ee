package vn.haiphong.hpid.vneid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import vn.haiphong.hpid.spi.CallbackRequest;
import vn.haiphong.hpid.spi.FailureKind;
import vn.haiphong.hpid.spi.Gender;
import vn.haiphong.hpid.spi.IdentityEvent;
import vn.haiphong.hpid.spi.IdentityKind;
import vn.haiphong.hpid.spi.LevelOfAssurance;
import vn.haiphong.hpid.spi.SignInRequest;
import vn.haiphong.hpid.spi.SignInResult;
import vn.haiphong.hpid.spi.SignInStart;
import vn.haiphong.hpid.spi.Transaction;
import vn.haiphong.hpid.spi.VerifiedIdentity;

class VneidConnectorTest {

    @RegisterExtension
    static WireMockExtension vneid = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final URI CALLBACK = URI.create("https://id.haiphong.gov.vn/realms/citizens/broker/vneid/endpoint");
    private static final String PID = "031085001234";
    private static final String ACCESS_TOKEN = "at-7f3e9c";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T08:00:00Z"), ZoneOffset.UTC);

    private final List<IdentityEvent> events = new ArrayList<>();

    private VneidSettings.Builder settings() {
        String base = vneid.baseUrl();
        return VneidSettings.builder()
                .authorizationEndpoint(URI.create("https://vneid.example/oauth/authorize"))
                .tokenEndpoint(URI.create(base + "/oauth/token"))
                .userinfoEndpoint(URI.create(base + "/oauth/userinfo"))
                .clientId("hp-client")
                .clientSecret("hp-secret")
                .http(UpstreamHttpSettings.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(600)));
    }

    private VneidConnector connector(VneidSettings settings) {
        return new VneidConnector(settings, TestKeys.RP_KEY, CLOCK, events::add);
    }

    private static Map<String, Object> citizen() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("citizenPid", PID);
        claims.put("fullName", "Nguyễn Văn Hải");
        claims.put("birthDate", "15/03/1985");
        claims.put("accountLevel", "2");
        return claims;
    }

    private static byte[] sealed(Map<String, ?> payload) {
        return sealed(payload, TestKeys.RELYING_PARTY.getPublic());
    }

    private static byte[] sealed(Map<String, ?> payload, PublicKey to) {
        return VneidEnvelope.seal(payload, to);
    }

    private static void tokenAnswers(byte[] body) {
        vneid.stubFor(post(urlEqualTo("/oauth/token")).willReturn(aResponse().withStatus(200).withBody(body)));
    }

    private static void userinfoAnswers(Map<String, Object> claims) {
        vneid.stubFor(get(urlEqualTo("/oauth/userinfo"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .willReturn(aResponse().withStatus(200).withBody(sealed(claims))));
    }

    private static void upstreamKnows(Map<String, Object> claims) {
        tokenAnswers(sealed(Map.of("access_token", ACCESS_TOKEN, "token_type", "Bearer")));
        userinfoAnswers(claims);
    }

    private static SignInStart begin(VneidConnector connector, LevelOfAssurance level) {
        return connector.start(new SignInRequest(CALLBACK, level));
    }

    private static CallbackRequest callback(Transaction tx, String codeInQuery) {
        return new CallbackRequest("code=" + codeInQuery + "&state=" + tx.state());
    }

    private static SignInResult.Failed failed(SignInResult result) {
        assertThat(result).isInstanceOf(SignInResult.Failed.class);
        return (SignInResult.Failed) result;
    }

    private static VerifiedIdentity verified(SignInResult result) {
        assertThat(result).as("%s", result).isInstanceOf(SignInResult.Verified.class);
        return ((SignInResult.Verified) result).identity();
    }

    @Test
    void authorizeRedirectCarriesClientStateAndPkceS256() {
        SignInStart start = begin(connector(settings().build()), LevelOfAssurance.LOW);
        CallbackRequest query = new CallbackRequest(start.redirectUri().getRawQuery());
        Transaction tx = start.transaction();

        assertThat(start.redirectUri().toString()).startsWith("https://vneid.example/oauth/authorize?");
        assertThat(query.parameter("response_type")).contains("code");
        assertThat(query.parameter("client_id")).contains("hp-client");
        assertThat(query.parameter("redirect_uri")).contains(CALLBACK.toString());
        assertThat(query.parameter("scope")).contains("openid");
        assertThat(query.parameter("state")).contains(tx.state());
        assertThat(query.parameter("code_challenge_method")).contains("S256");
        assertThat(query.parameter("code_challenge")).contains(Secrets.s256Challenge(tx.codeVerifier().orElseThrow()));
        assertThat(tx.nonce()).isEmpty();
        assertThat(tx.createdAt()).isEqualTo(CLOCK.instant());
        assertThat(events).extracting(IdentityEvent::type).containsExactly(IdentityEvent.Type.SIGN_IN_STARTED);
    }

    @Test
    void pkceCanBeTurnedOffForContractsWhoseServerRejectsIt() {
        SignInStart start = begin(connector(settings().usePkce(false).build()), LevelOfAssurance.LOW);

        assertThat(start.redirectUri().getRawQuery()).doesNotContain("code_challenge");
        assertThat(start.transaction().codeVerifier()).isEmpty();
    }

    @Test
    void happyPathDecryptsTokenAndUserinfoIntoAVerifiedCitizen() {
        upstreamKnows(citizen());
        VneidConnector connector = connector(settings().build());
        Transaction tx = begin(connector, LevelOfAssurance.HIGH).transaction();

        VerifiedIdentity identity = verified(connector.finish(tx, callback(tx, "abc")));

        assertThat(identity.kind()).isEqualTo(IdentityKind.CITIZEN);
        assertThat(identity.personalId().orElseThrow().value()).isEqualTo(PID);
        assertThat(identity.upstreamSubject()).isEqualTo(PID);
        assertThat(identity.name().orElseThrow().givenName()).isEqualTo("Hải");
        assertThat(identity.name().orElseThrow().familyName()).contains("Nguyễn");
        assertThat(identity.birthDate()).contains(LocalDate.of(1985, 3, 15));
        assertThat(identity.gender()).contains(Gender.MALE);
        assertThat(identity.level()).isEqualTo(LevelOfAssurance.HIGH);
        assertThat(identity.providerAlias()).isEqualTo("vneid");
        assertThat(identity.rawClaims()).containsEntry("citizenPid", PID);
        assertThat(events).extracting(IdentityEvent::type)
                .containsExactly(IdentityEvent.Type.SIGN_IN_STARTED, IdentityEvent.Type.SIGN_IN_SUCCEEDED);
        vneid.verify(postRequestedFor(urlEqualTo("/oauth/token"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("authorization_code"))
                .withFormParam("client_id", equalTo("hp-client"))
                .withFormParam("client_secret", equalTo("hp-secret"))
                .withFormParam("code", equalTo("abc"))
                .withFormParam("redirect_uri", equalTo(CALLBACK.toString()))
                .withFormParam("code_verifier", equalTo(tx.codeVerifier().orElseThrow())));
    }

    @Test
    void base64CodeWithPlusIsReadFromTheRawQueryAndSentIntact() {
        upstreamKnows(citizen());
        VneidConnector connector = connector(settings().build());
        Transaction tx = begin(connector, LevelOfAssurance.LOW).transaction();

        verified(connector.finish(tx, callback(tx, "q+7Zx/k9+AB==")));

        vneid.verify(postRequestedFor(urlEqualTo("/oauth/token")).withFormParam("code", equalTo("q+7Zx/k9+AB==")));
    }

    @Test
    void encryptKeyFromTheCallbackIsSentBackOnTheTokenRequest() {
        upstreamKnows(citizen());
        VneidConnector connector = connector(settings().build());
        Transaction tx = begin(connector, LevelOfAssurance.LOW).transaction();

        verified(connector.finish(tx, new CallbackRequest(
                "code=enc+code&encrypt_key=k%2Bey+1%3D&state=" + tx.state())));

        vneid.verify(postRequestedFor(urlEqualTo("/oauth/token"))
                .withFormParam("code", equalTo("enc+code"))
                .withFormParam("encrypt_key", equalTo("k+ey+1=")));
    }

    @Test
    void noEncryptKeyIsSentWhenTheCallbackHasNone() {
        upstreamKnows(citizen());
        VneidConnector connector = connector(settings().build());
        Transaction tx = begin(connector, LevelOfAssurance.LOW).transaction();

        verified(connector.finish(tx, callback(tx, "abc")));

        assertThat(vneid.findAll(postRequestedFor(urlEqualTo("/oauth/token"))).get(0).getBodyAsString())
                .doesNotContain("encrypt_key");
    }

    @Test
    void responseThatTricklesInPastTheReadTimeoutIsAnUpstreamTimeout() {
        vneid.stubFor(post(urlEqualTo("/oauth/token")).willReturn(aResponse().withStatus(200)
                .withBody(sealed(Map.of("access_token", ACCESS_TOKEN))).withChunkedDribbleDelay(20, 2000)));
        VneidConnector connector = connector(settings().build());
        Transaction tx = begin(connector, LevelOfAssurance.LOW).transaction();

        SignInResult.Failed failure = failed(connector.finish(tx, callback(tx, "abc")));

        assertThat(failure.kind()).isEqualTo(FailureKind.UPSTREAM_TIMEOUT);
        assertThat(failure.detail()).contains("token endpoint");
    }

    @Test
    void responseSlowerThanTheReadTimeoutIsAnUpstreamTimeout() {
        vneid.stubFor(post(urlEqualTo("/oauth/token")).willReturn(aResponse().withStatus(200)
                .withBody(sealed(Map.of("access_token", ACCESS_TOKEN))).withFixedDelay(2000)));
        VneidConnector connector = connector(settings().build());
        Transaction tx = begin(connector, LevelOfAssurance.LOW).transaction();

        SignInResult.Failed failure = failed(connector.finish(tx, callback(tx, "abc")));

        assertThat(failure.kind()).isEqualTo(FailureKind.UPSTREAM_TIMEOUT);
        assertThat(failure.detail()).contains("token endpoint").contains("600 ms");
    }

    @Test
    void serverErrorIsAnUpstreamErrorAndTheTokenRequestIsNotRetried() {
        vneid.stubFor(post(urlEqualTo("/oauth/token")).willReturn(aResponse().withStatus(500)));
        VneidConnector connector = connector(settings().build());
        Transaction tx = begin(connector, LevelOfAssurance.LOW).transaction();

        SignInResult.Failed failure = failed(connector.finish(tx, callback(tx, "abc")));

        assertThat(failure.kind()).isEqualTo(FailureKind.UPSTREAM_ERROR);
        assertThat(failure.detail()).contains("HTTP 500");
        vneid.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void garbageBytesAreAMalformedResponse() {
        byte[] garbage = new byte[256];
        new Random(42).nextBytes(garbage);
        tokenAnswers(garbage);
        VneidConnector connector = connector(settings().build());
        Transaction tx = begin(connector, LevelOfAssurance.LOW).transaction();

        SignInResult.Failed failure = failed(connector.finish(tx, callback(tx, "abc")));

        assertThat(failure.kind()).isEqualTo(FailureKind.MALFORMED_RESPONSE);
    }

    @Test
    void plainJsonWithoutEnvelopeIsAMalformedResponse() {
        tokenAnswers("{\"access_token\":\"plain\"}".getBytes());
        VneidConnector connector = connector(settings().build());
        Transaction tx = begin(connector, LevelOfAssurance.LOW).transaction();

        SignInResult.Failed failure = failed(connector.finish(tx, callback(tx, "abc")));

        assertThat(failure.kind()).isEqualTo(FailureKind.MALFORMED_RESPONSE);
        assertThat(failure.detail()).contains("not an envelope");
    }

    @Test
    void envelopeSealedForAnotherKeyIsUndecryptable() {
        tokenAnswers(sealed(Map.of("access_token", ACCESS_TOKEN), TestKeys.STRANGER.getPublic()));
        VneidConnector connector = connector(settings().build());
        Transaction tx = begin(connector, LevelOfAssurance.LOW).transaction();

        SignInResult.Failed failure = failed(connector.finish(tx, callback(tx, "abc")));

        assertThat(failure.kind()).isEqualTo(FailureKind.UNDECRYPTABLE);
    }

    @Test
    void userinfoWithoutCitizenPidIsMissingPersonalId() {
        Map<String, Object> claims = citizen();
        claims.remove("citizenPid");
        upstreamKnows(claims);
        VneidConnector connector = connector(settings().build());
        Transaction tx = begin(connector, LevelOfAssurance.LOW).transaction();

        SignInResult.Failed failure = failed(connector.finish(tx, callback(tx, "abc")));

        assertThat(failure.kind()).isEqualTo(FailureKind.MISSING_PERSONAL_ID);
        assertThat(failure.detail()).doesNotContain(ACCESS_TOKEN);
    }

    @Test
    void malformedCitizenPidIsInvalidPersonalIdAndNotEchoed() {
        Map<String, Object> claims = citizen();
        claims.put("citizenPid", "031985001234");
        upstreamKnows(claims);
        VneidConnector connector = connector(settings().build());
        Transaction tx = begin(connector, LevelOfAssurance.LOW).transaction();

        SignInResult.Failed failure = failed(connector.finish(tx, callback(tx, "abc")));

        assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_PERSONAL_ID);
        assertThat(failure.detail()).doesNotContain("031985001234").doesNotContain(ACCESS_TOKEN);
        assertThat(events.get(events.size() - 1).detail()).doesNotContain("031985001234");
    }

    @Test
    void unknownAccountLevelCountsAsTheLowest() {
        Map<String, Object> claims = citizen();
        claims.put("accountLevel", "7");
        upstreamKnows(claims);
        VneidConnector connector = connector(settings().build());
        Transaction tx = begin(connector, LevelOfAssurance.LOW).transaction();

        assertThat(verified(connector.finish(tx, callback(tx, "abc"))).level()).isEqualTo(LevelOfAssurance.LOW);
    }

    @Test
    void numericAccountLevelIsMappedLikeItsText() {
        Map<String, Object> claims = citizen();
        claims.put("accountLevel", 2);
        upstreamKnows(claims);
        VneidConnector connector = connector(settings().build());
        Transaction tx = begin(connector, LevelOfAssurance.HIGH).transaction();

        assertThat(verified(connector.finish(tx, callback(tx, "abc"))).level()).isEqualTo(LevelOfAssurance.HIGH);
    }

    @Test
    void levelOneAccountIsRefusedWhenLevelTwoWasRequested() {
        Map<String, Object> claims = citizen();
        claims.put("accountLevel", "1");
        upstreamKnows(claims);
        VneidConnector connector = connector(settings().build());
        Transaction tx = begin(connector, LevelOfAssurance.HIGH).transaction();

        assertThat(failed(connector.finish(tx, callback(tx, "abc"))).kind()).isEqualTo(FailureKind.LEVEL_TOO_LOW);
    }

    @Test
    void levelMappingIsConfiguration() {
        Map<String, Object> claims = citizen();
        claims.put("IAL", "IAL2");
        upstreamKnows(claims);
        VneidConnector connector = connector(settings()
                .claims(new VneidSettings.ClaimNames("citizenPid", "fullName", "birthDate", "gender", "IAL",
                        "enterpriseTaxCode", "enterpriseName"))
                .levelMapping(Map.of("IAL2", LevelOfAssurance.HIGH)).build());
        Transaction tx = begin(connector, LevelOfAssurance.HIGH).transaction();

        assertThat(verified(connector.finish(tx, callback(tx, "abc"))).level()).isEqualTo(LevelOfAssurance.HIGH);
    }

    @Test
    void personActingForAnEnterpriseIsAnEnterpriseIdentityWithTheTaxCode() {
        Map<String, Object> claims = citizen();
        claims.put("enterpriseTaxCode", "0201234567");
        claims.put("enterpriseName", "Công ty TNHH Cảng Xanh");
        upstreamKnows(claims);
        VneidConnector connector = connector(settings().build());
        Transaction tx = begin(connector, LevelOfAssurance.LOW).transaction();

        VerifiedIdentity identity = verified(connector.finish(tx, callback(tx, "abc")));

        assertThat(identity.kind()).isEqualTo(IdentityKind.ENTERPRISE);
        assertThat(identity.enterprise().orElseThrow().taxCode()).isEqualTo("0201234567");
        assertThat(identity.enterprise().orElseThrow().name()).contains("Công ty TNHH Cảng Xanh");
        assertThat(identity.personalId()).isPresent();
    }

    @Test
    void partialBirthDateIsLeftAbsentRatherThanGuessed() {
        Map<String, Object> claims = citizen();
        claims.put("birthDate", "00/00/1985");
        upstreamKnows(claims);
        VneidConnector connector = connector(settings().build());
        Transaction tx = begin(connector, LevelOfAssurance.LOW).transaction();

        VerifiedIdentity identity = verified(connector.finish(tx, callback(tx, "abc")));

        assertThat(identity.birthDate()).isEmpty();
        assertThat(identity.personalId().orElseThrow().birthYear().getValue()).isEqualTo(1985);
    }

    @Test
    void callbackWithAnotherStateIsRefusedWithoutCallingTheUpstream() {
        VneidConnector connector = connector(settings().build());
        Transaction tx = begin(connector, LevelOfAssurance.LOW).transaction();

        SignInResult.Failed failure = failed(connector.finish(tx, new CallbackRequest("code=abc&state=forged")));

        assertThat(failure.kind()).isEqualTo(FailureKind.STATE_MISMATCH);
        vneid.verify(0, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void transactionOlderThanItsLifetimeIsExpired() {
        VneidConnector connector = connector(settings().transactionTtl(Duration.ofMinutes(10)).build());
        Transaction old = begin(new VneidConnector(settings().build(), TestKeys.RP_KEY,
                Clock.offset(CLOCK, Duration.ofMinutes(-11)), events::add), LevelOfAssurance.LOW).transaction();

        assertThat(failed(connector.finish(old, callback(old, "abc"))).kind()).isEqualTo(FailureKind.EXPIRED_TRANSACTION);
    }

    @Test
    void userWhoDeclinesAtVneidIsUserCancelled() {
        VneidConnector connector = connector(settings().build());
        Transaction tx = begin(connector, LevelOfAssurance.LOW).transaction();

        SignInResult.Failed failure = failed(connector.finish(tx, new CallbackRequest(
                "error=access_denied&error_description=Ng%C6%B0%E1%BB%9Di+d%C3%B9ng+h%E1%BB%A7y&state=" + tx.state())));

        assertThat(failure.kind()).isEqualTo(FailureKind.USER_CANCELLED);
    }

    @Test
    void circuitOpensAfterRepeatedFailuresAndSparesTheUpstream() {
        vneid.stubFor(post(urlEqualTo("/oauth/token")).willReturn(aResponse().withStatus(503)));
        VneidConnector connector = connector(settings()
                .http(UpstreamHttpSettings.defaults().withCircuitBreaker(50, 4, 4, Duration.ofMinutes(1))).build());

        for (int i = 0; i < 4; i++) {
            Transaction tx = begin(connector, LevelOfAssurance.LOW).transaction();
            assertThat(failed(connector.finish(tx, callback(tx, "abc"))).kind()).isEqualTo(FailureKind.UPSTREAM_ERROR);
        }
        Transaction tx = begin(connector, LevelOfAssurance.LOW).transaction();
        SignInResult.Failed failure = failed(connector.finish(tx, callback(tx, "abc")));

        assertThat(failure.kind()).isEqualTo(FailureKind.CIRCUIT_OPEN);
        assertThat(connector.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        vneid.verify(4, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void unreachableUpstreamIsAFailureNotAnException() {
        VneidConnector connector = connector(settings().tokenEndpoint(URI.create("http://127.0.0.1:1/token")).build());
        Transaction tx = begin(connector, LevelOfAssurance.LOW).transaction();

        assertThat(failed(connector.finish(tx, callback(tx, "abc"))).kind())
                .isIn(FailureKind.UPSTREAM_ERROR, FailureKind.UPSTREAM_TIMEOUT);
    }
}
