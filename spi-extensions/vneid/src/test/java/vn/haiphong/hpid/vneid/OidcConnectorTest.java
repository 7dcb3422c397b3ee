package vn.haiphong.hpid.vneid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import vn.haiphong.hpid.spi.CallbackRequest;
import vn.haiphong.hpid.spi.FailureKind;
import vn.haiphong.hpid.spi.IdentityEventListener;
import vn.haiphong.hpid.spi.LevelOfAssurance;
import vn.haiphong.hpid.spi.SignInRequest;
import vn.haiphong.hpid.spi.SignInResult;
import vn.haiphong.hpid.spi.SignInStart;
import vn.haiphong.hpid.spi.SignInUnavailableException;
import vn.haiphong.hpid.spi.Transaction;
import vn.haiphong.hpid.spi.VerifiedIdentity;

class OidcConnectorTest {

    @RegisterExtension
    static WireMockExtension op = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final URI CALLBACK = URI.create("https://id.haiphong.gov.vn/realms/citizens/broker/bca/endpoint");
    private static final Instant NOW = Instant.parse("2026-05-01T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final RSAKey KEY_1 = rsa("key-2026-1");
    private static final RSAKey KEY_2 = rsa("key-2026-2");
    private static final RSAKey IMPOSTOR_1 = rsa("key-2026-1");

    private String issuer;

    @BeforeEach
    void publishProvider() {
        issuer = op.baseUrl() + "/realms/bca";
        op.stubFor(get(urlEqualTo("/realms/bca/.well-known/openid-configuration")).willReturn(okJson(Json.write(Map.of(
                "issuer", issuer,
                "authorization_endpoint", issuer + "/protocol/openid-connect/auth",
                "token_endpoint", op.baseUrl() + "/token",
                "userinfo_endpoint", op.baseUrl() + "/userinfo",
                "jwks_uri", op.baseUrl() + "/certs")))));
        publishKeys(KEY_1);
    }

    private static void publishKeys(RSAKey... keys) {
        op.stubFor(get(urlEqualTo("/certs")).willReturn(okJson(new JWKSet(java.util.List.of(keys)).toPublicJWKSet().toString())));
    }

    private OidcSettings.Builder settings() {
        return OidcSettings.builder().alias("bca").issuer(URI.create(issuer)).clientId("hpid").clientSecret("s3cret")
                .acrMapping(Map.of("2", LevelOfAssurance.HIGH))
                .jwksRefreshMinInterval(Duration.ZERO);
    }

    private OidcConnector connector(OidcSettings settings) {
        return new OidcConnector(settings, CLOCK, IdentityEventListener.NONE);
    }

    private static JWTClaimsSet.Builder validClaims(String issuer, Transaction tx) {
        return new JWTClaimsSet.Builder().issuer(issuer).audience("hpid").subject("f3a9-uuid")
                .issueTime(Date.from(NOW.minusSeconds(5))).expirationTime(Date.from(NOW.plusSeconds(300)))
                .claim("nonce", tx.nonce().orElseThrow()).claim("acr", "2")
                .claim("citizenPid", "001078012345").claim("name", "Lê Văn Hùng");
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void tokenEndpointReturns(String idToken) {
        op.stubFor(post(urlEqualTo("/token")).willReturn(okJson(Json.write(Map.of(
                "access_token", "op-at", "token_type", "Bearer", "id_token", idToken)))));
        op.stubFor(get(urlEqualTo("/userinfo")).withHeader("Authorization", equalTo("Bearer op-at"))
                .willReturn(okJson("{\"sub\":\"f3a9-uuid\",\"birthdate\":\"1978-02-03\"}")));
    }

    private SignInResult signIn(OidcConnector connector, UnaryOperator<JWTClaimsSet.Builder> tweak, RSAKey key) {
        Transaction tx = connector.start(new SignInRequest(CALLBACK, LevelOfAssurance.LOW)).transaction();
        tokenEndpointReturns(sign(tweak.apply(validClaims(issuer, tx)).build(), key));
        return connector.finish(tx, new CallbackRequest("code=op-code&state=" + tx.state()));
    }

    private static VerifiedIdentity verified(SignInResult result) {
        assertThat(result).as("%s", result).isInstanceOf(SignInResult.Verified.class);
        return ((SignInResult.Verified) result).identity();
    }

    private static SignInResult.Failed failed(SignInResult result) {
        assertThat(result).isInstanceOf(SignInResult.Failed.class);
        return (SignInResult.Failed) result;
    }

    @Test
    void authorizeRequestFromDiscoveryCarriesNonceAndPkce() {
        SignInStart start = connector(settings().build()).start(new SignInRequest(CALLBACK, LevelOfAssurance.LOW));
        CallbackRequest query = new CallbackRequest(start.redirectUri().getRawQuery());

        assertThat(start.redirectUri().toString()).startsWith(issuer + "/protocol/openid-connect/auth?");
        assertThat(query.parameter("nonce")).isEqualTo(start.transaction().nonce());
        assertThat(query.parameter("code_challenge"))
                .contains(Secrets.s256Challenge(start.transaction().codeVerifier().orElseThrow()));
        assertThat(query.parameter("scope")).contains("openid profile");
    }

    @Test
    void validIdTokenGivesAVerifiedCitizenWithUserinfoClaims() {
        VerifiedIdentity identity = verified(signIn(connector(settings().build()), b -> b, KEY_1));

        assertThat(identity.personalId().orElseThrow().value()).isEqualTo("001078012345");
        assertThat(identity.upstreamSubject()).isEqualTo("001078012345");
        assertThat(identity.level()).isEqualTo(LevelOfAssurance.HIGH);
        assertThat(identity.birthDate()).hasValueSatisfying(d -> assertThat(d.getYear()).isEqualTo(1978));
        assertThat(identity.name().orElseThrow().givenName()).isEqualTo("Hùng");
        op.verify(postRequestedFor(urlEqualTo("/token")).withFormParam("code", equalTo("op-code")));
    }

    @Test
    void idTokenSignedByAnotherKeyWithTheSameKeyIdIsRefused() {
        SignInResult.Failed failure = failed(signIn(connector(settings().build()), b -> b, IMPOSTOR_1));

        assertThat(failure.kind()).isEqualTo(FailureKind.MALFORMED_RESPONSE);
        assertThat(failure.detail()).contains("signature");
    }

    @Test
    void idTokenForAnotherAudienceIsRefused() {
        SignInResult.Failed failure = failed(signIn(connector(settings().build()), b -> b.audience("other-app"), KEY_1));

        assertThat(failure.kind()).isEqualTo(FailureKind.MALFORMED_RESPONSE);
        assertThat(failure.detail()).containsIgnoringCase("audience");
    }

    @Test
    void idTokenFromAnotherIssuerIsRefused() {
        assertThat(failed(signIn(connector(settings().build()), b -> b.issuer("https://evil.example"), KEY_1)).kind())
                .isEqualTo(FailureKind.MALFORMED_RESPONSE);
    }

    @Test
    void idTokenWithAnotherNonceIsRefusedAsReplay() {
        SignInResult.Failed failure = failed(signIn(connector(settings().build()), b -> b.claim("nonce", "old"), KEY_1));

        assertThat(failure.kind()).isEqualTo(FailureKind.STATE_MISMATCH);
    }

    @Test
    void expiredIdTokenIsRefused() {
        SignInResult.Failed failure = failed(signIn(connector(settings().build()),
                b -> b.issueTime(Date.from(NOW.minusSeconds(3600))).expirationTime(Date.from(NOW.minusSeconds(600))), KEY_1));

        assertThat(failure.kind()).isEqualTo(FailureKind.MALFORMED_RESPONSE);
        assertThat(failure.detail()).containsIgnoringCase("expired");
    }

    @Test
    void symmetricallySignedIdTokenIsRefused() throws JOSEException {
        OidcConnector connector = connector(settings().build());
        Transaction tx = connector.start(new SignInRequest(CALLBACK, LevelOfAssurance.LOW)).transaction();
        SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), validClaims(issuer, tx).build());
        hs.sign(new MACSigner("s3cret-s3cret-s3cret-s3cret-s3cret!"));
        tokenEndpointReturns(hs.serialize());

        assertThat(failed(connector.finish(tx, new CallbackRequest("code=c&state=" + tx.state()))).kind())
                .isEqualTo(FailureKind.MALFORMED_RESPONSE);
    }

    @Test
    void signingKeysAreCachedBetweenSignIns() {
        OidcConnector connector = connector(settings().build());

        verified(signIn(connector, b -> b, KEY_1));
        verified(signIn(connector, b -> b, KEY_1));

        op.verify(1, getRequestedFor(urlEqualTo("/certs")));
    }

    @Test
    void keyRotationIsFollowedByRefetchingTheKeySet() {
        OidcConnector connector = connector(settings().build());
        verified(signIn(connector, b -> b, KEY_1));

        publishKeys(KEY_2);
        VerifiedIdentity afterRotation = verified(signIn(connector, b -> b, KEY_2));

        assertThat(afterRotation.personalId()).isPresent();
        op.verify(2, getRequestedFor(urlEqualTo("/certs")));
    }

    @Test
    void keyRotationSoonAfterTheFirstFetchIsFollowedDespiteTheDefaultRateLimit() {
        OidcConnector connector = connector(settings().jwksRefreshMinInterval(Duration.ofSeconds(30)).build());
        verified(signIn(connector, b -> b, KEY_1));

        publishKeys(KEY_1, KEY_2);

        verified(signIn(connector, b -> b, KEY_2));
    }

    @Test
    void userinfoAboutAnotherSubjectIsRefused() {
        OidcConnector connector = connector(settings().build());
        Transaction tx = connector.start(new SignInRequest(CALLBACK, LevelOfAssurance.LOW)).transaction();
        tokenEndpointReturns(sign(validClaims(issuer, tx).build(), KEY_1));
        op.stubFor(get(urlEqualTo("/userinfo")).willReturn(okJson("{\"sub\":\"someone-else\"}")));

        assertThat(failed(connector.finish(tx, new CallbackRequest("code=c&state=" + tx.state()))).kind())
                .isEqualTo(FailureKind.MALFORMED_RESPONSE);
    }

    @Test
    void idTokenWithoutPersonalIdIsMissingPersonalId() {
        assertThat(failed(signIn(connector(settings().build()), b -> b.claim("citizenPid", null), KEY_1)).kind())
                .isEqualTo(FailureKind.MISSING_PERSONAL_ID);
    }

    @Test
    void unreachableDiscoveryMakesStartUnavailable() {
        op.stubFor(get(urlEqualTo("/realms/bca/.well-known/openid-configuration")).willReturn(aResponse().withStatus(502)));

        assertThatThrownBy(() -> connector(settings().build()).start(new SignInRequest(CALLBACK, LevelOfAssurance.LOW)))
                .isInstanceOfSatisfying(SignInUnavailableException.class,
                        e -> assertThat(e.kind()).isEqualTo(FailureKind.UPSTREAM_ERROR));
    }

    private static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
