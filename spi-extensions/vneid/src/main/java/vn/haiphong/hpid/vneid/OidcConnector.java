package vn.haiphong.hpid.vneid;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import vn.haiphong.hpid.spi.CallbackRequest;
import vn.haiphong.hpid.spi.FailureKind;
import vn.haiphong.hpid.spi.IdentityEventListener;
import vn.haiphong.hpid.spi.IdentityKind;
import vn.haiphong.hpid.spi.LevelOfAssurance;
import vn.haiphong.hpid.spi.PersonalIdNumber;
import vn.haiphong.hpid.spi.SignInRequest;
import vn.haiphong.hpid.spi.SignInResult;
import vn.haiphong.hpid.spi.SignInStart;
import vn.haiphong.hpid.spi.SignInUnavailableException;
import vn.haiphong.hpid.spi.Transaction;
import vn.haiphong.hpid.spi.UpstreamIdentityProvider;
import vn.haiphong.hpid.spi.VerifiedIdentity;

/**
 * A standard OpenID Connect provider: discovery, authorization-code flow with PKCE S256 and
 * a nonce, and an ID token verified by signature (keys from the provider's JWKS, cached, and
 * re-fetched when an unknown key id shows that the provider rotated), issuer, audience,
 * expiry and nonce. Userinfo, when the provider has it, adds claims for the same subject.
 */
public final class OidcConnector implements UpstreamIdentityProvider {

    /** Asymmetric algorithms only: a shared-secret (HS256) ID token would let anyone with the secret mint identities. */
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.EdDSA);

    /** What discovery told us, fetched once and then trusted for the connector's life. */
    private record Provider(URI authorizationEndpoint, URI tokenEndpoint, Optional<URI> userinfoEndpoint,
            JWKSource<SecurityContext> keys) {
    }

    private final OidcSettings settings;
    private final Clock clock;
    private final UpstreamHttp http;
    private final SignInFlow flow;
    private volatile Provider provider;

    public OidcConnector(OidcSettings settings) {
        this(settings, Clock.systemUTC(), IdentityEventListener.NONE);
    }

    public OidcConnector(OidcSettings settings, Clock clock, IdentityEventListener events) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = new UpstreamHttp(settings.alias(), settings.http());
        this.flow = new SignInFlow(settings.alias(), settings.transactionTtl(), clock, events);
    }

    @Override
    public String alias() {
        return settings.alias();
    }

    @Override
    public SignInStart start(SignInRequest request) {
        Provider p;
        try {
            p = provider();
        } catch (UpstreamFailure failure) {
            throw new SignInUnavailableException(failure.kind(), failure.getMessage());
        }
        String state = Secrets.random();
        String verifier = Secrets.random();
        String nonce = Secrets.random();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", request.callbackUri().toString());
        query.put("scope", settings.scope());
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", Secrets.s256Challenge(verifier));
        query.put("code_challenge_method", "S256");
        flow.started();
        return new SignInStart(UpstreamHttp.withQuery(p.authorizationEndpoint(), query),
                new Transaction(settings.alias(), state, Optional.of(verifier), Optional.of(nonce),
                        request.requestedLevel(), request.callbackUri(), clock.instant()));
    }

    @Override
    public SignInResult finish(Transaction transaction, CallbackRequest callback) {
        return flow.finish(transaction, callback, code -> {
            Provider p = provider();
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "authorization_code");
            form.put("client_id", settings.clientId());
            form.put("client_secret", settings.clientSecret());
            form.put("code", code);
            form.put("redirect_uri", transaction.callbackUri().toString());
            transaction.codeVerifier().ifPresent(v -> form.put("code_verifier", v));
            Map<String, Object> token = Json.object(
                    http.postForm("token endpoint", p.tokenEndpoint(), form).body(), "token response");
            String idToken = Json.text(token, "id_token").orElseThrow(() ->
                    new UpstreamFailure(FailureKind.MALFORMED_RESPONSE, "token response has no id_token"));
            String nonce = transaction.nonce().orElseThrow(() ->
                    new UpstreamFailure(FailureKind.STATE_MISMATCH, "transaction carries no nonce"));
            JWTClaimsSet verified = verifyIdToken(p, idToken, nonce);
            Map<String, Object> claims = new LinkedHashMap<>();
            if (settings.fetchUserinfo() && p.userinfoEndpoint().isPresent()) {
                claims.putAll(userinfo(p.userinfoEndpoint().get(), token, verified.getSubject()));
            }
            claims.putAll(verified.getClaims()); // the signed claims win over unsigned userinfo
            return identity(claims, verified.getSubject());
        });
    }

    private JWTClaimsSet verifyIdToken(Provider p, String idToken, String expectedNonce) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, p.keys()));
        DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier = new DefaultJWTClaimsVerifier<>(
                // Nimbus probes its sets with contains(null), which Set.of refuses.
                new HashSet<>(Set.of(settings.clientId())),
                new JWTClaimsSet.Builder().issuer(settings.issuer().toString()).claim("nonce", expectedNonce).build(),
                new HashSet<>(Set.of("sub", "iat", "exp")), null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claimsVerifier.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claimsVerifier);
        try {
            return processor.process(idToken, null);
        } catch (ParseException e) {
            throw new UpstreamFailure(FailureKind.MALFORMED_RESPONSE, "ID token is not a JWT");
        } catch (BadJWSException e) {
            throw new UpstreamFailure(FailureKind.MALFORMED_RESPONSE, "ID token signature is not valid");
        } catch (BadJOSEException e) {
            String why = String.valueOf(e.getMessage());
            if (why.contains("nonce")) {
                // Nimbus names both values; neither is needed to understand a replayed token.
                throw new UpstreamFailure(FailureKind.STATE_MISMATCH, "ID token nonce does not match the transaction");
            }
            throw new UpstreamFailure(FailureKind.MALFORMED_RESPONSE, "ID token rejected: " + why);
        } catch (JOSEException e) {
            throw keyFetchFailure(e);
        }
    }

    private Map<String, Object> userinfo(URI endpoint, Map<String, Object> token, String subject) {
        String accessToken = Json.text(token, "access_token").orElseThrow(() ->
                new UpstreamFailure(FailureKind.MALFORMED_RESPONSE, "token response has no access_token"));
        Map<String, Object> userinfo = Json.object(
                http.getWithBearer("userinfo endpoint", endpoint, accessToken).body(), "userinfo response");
        // OIDC Core 5.3.2: userinfo about another subject must not be used.
        if (!subject.equals(userinfo.get("sub"))) {
            throw new UpstreamFailure(FailureKind.MALFORMED_RESPONSE, "userinfo is about another subject than the ID token");
        }
        return userinfo;
    }

    private VerifiedIdentity identity(Map<String, Object> claims, String subject) {
        Optional<PersonalIdNumber> pid = settings.requirePersonalId()
                ? Optional.of(Claims.requiredPersonalId(claims, settings.personalIdClaim(), clock))
                : Json.text(claims, settings.personalIdClaim())
                        .map(raw -> Claims.personalId(raw, settings.personalIdClaim(), clock));
        LevelOfAssurance level = Claims.level(claims, "acr", settings.acrMapping());
        return VerifiedIdentity.builder(IdentityKind.CITIZEN, settings.alias(), pid.map(PersonalIdNumber::value).orElse(subject))
                .personalId(pid.orElse(null))
                .name(Claims.name(claims, "name").orElse(null))
                .birthDate(Claims.birthDate(claims, "birthdate", java.util.List.of("yyyy-MM-dd")).orElse(null))
                .gender(Claims.gender(claims, "gender").or(() -> pid.map(PersonalIdNumber::gender)).orElse(null))
                .level(level)
                .rawClaims(claims)
                .build();
    }

    private Provider provider() {
        Provider p = provider;
        if (p == null) {
            synchronized (this) {
                if (provider == null) {
                    provider = discover();
                }
                p = provider;
            }
        }
        return p;
    }

    private Provider discover() {
        String issuer = settings.issuer().toString();
        URI discoveryUri = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        Map<String, Object> metadata = Json.object(http.get("discovery", discoveryUri).body(), "discovery document");
        // OIDC Discovery 4.3: the document must name exactly the issuer we asked.
        if (!issuer.equals(metadata.get("issuer"))) {
            throw new UpstreamFailure(FailureKind.MALFORMED_RESPONSE, "discovery names another issuer than " + issuer);
        }
        URI jwksUri = endpoint(metadata, "jwks_uri");
        JWKSourceBuilder<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(url(jwksUri), jwksRetriever())
                .cache(settings.jwksCacheTtl().toMillis(), settings.http().readTimeout().toMillis())
                .refreshAheadCache(false)
                .retrying(false)
                .outageTolerant(false);
        keys = settings.jwksRefreshMinInterval().isZero()
                ? keys.rateLimited(false)
                : keys.rateLimited(settings.jwksRefreshMinInterval().toMillis());
        return new Provider(endpoint(metadata, "authorization_endpoint"), endpoint(metadata, "token_endpoint"),
                metadata.containsKey("userinfo_endpoint") ? Optional.of(endpoint(metadata, "userinfo_endpoint"))
                        : Optional.empty(),
                keys.build());
    }

    /** JWKS fetches go through the same timeouts and circuit breaker as every other call. */
    private ResourceRetriever jwksRetriever() {
        return url -> {
            try {
                byte[] body = http.get("JWKS endpoint", url.toURI()).body();
                return new Resource(new String(body, StandardCharsets.UTF_8), "application/json");
            } catch (UpstreamFailure failure) {
                throw new IOException(failure.getMessage(), failure);
            } catch (URISyntaxException e) {
                throw new IOException("JWKS URI is not a valid URI", e);
            }
        };
    }

    private static UpstreamFailure keyFetchFailure(JOSEException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UpstreamFailure failure) {
                return failure;
            }
        }
        return new UpstreamFailure(FailureKind.UPSTREAM_ERROR, "signing keys could not be obtained: "
                + e.getClass().getSimpleName());
    }

    private static URI endpoint(Map<String, Object> metadata, String name) {
        if (!(metadata.get(name) instanceof String value)) {
            throw new UpstreamFailure(FailureKind.MALFORMED_RESPONSE, "discovery document has no " + name);
        }
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute()) {
                throw new URISyntaxException(value, "not absolute");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UpstreamFailure(FailureKind.MALFORMED_RESPONSE, "discovery " + name + " is not an absolute URI");
        }
    }

    private static URL url(URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException e) {
            throw new UpstreamFailure(FailureKind.MALFORMED_RESPONSE, "JWKS URI cannot be fetched");
        }
    }
}
