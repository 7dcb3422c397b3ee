package vn.haiphong.hpid.vneid;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import vn.haiphong.hpid.spi.CallbackRequest;
import vn.haiphong.hpid.spi.FailureKind;
import vn.haiphong.hpid.spi.IdentityEventListener;
import vn.haiphong.hpid.spi.IdentityKind;
import vn.haiphong.hpid.spi.PersonalIdNumber;
import vn.haiphong.hpid.spi.SignInRequest;
import vn.haiphong.hpid.spi.SignInResult;
import vn.haiphong.hpid.spi.SignInStart;
import vn.haiphong.hpid.spi.Transaction;
import vn.haiphong.hpid.spi.UpstreamIdentityProvider;
import vn.haiphong.hpid.spi.VerifiedIdentity;

/**
 * VNeID's encrypted OAuth 2.0 variant: an authorization-code flow whose token and userinfo
 * responses arrive encrypted to our RSA key, with no ID token and no nonce, so state and
 * PKCE carry the CSRF and code-injection defence. The identity comes from userinfo.
 */
public final class VneidConnector implements UpstreamIdentityProvider {

    private final VneidSettings settings;
    private final RelyingPartyKey key;
    private final Clock clock;
    private final UpstreamHttp http;
    private final SignInFlow flow;

    public VneidConnector(VneidSettings settings, RelyingPartyKey key) {
        this(settings, key, Clock.systemUTC(), IdentityEventListener.NONE);
    }

    public VneidConnector(VneidSettings settings, RelyingPartyKey key, Clock clock, IdentityEventListener events) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = new UpstreamHttp(settings.alias(), settings.http());
        this.flow = new SignInFlow(settings.alias(), settings.transactionTtl(), clock,
                Objects.requireNonNull(events, "events"));
    }

    @Override
    public String alias() {
        return settings.alias();
    }

    @Override
    public SignInStart start(SignInRequest request) {
        String state = Secrets.random();
        Optional<String> verifier = settings.usePkce() ? Optional.of(Secrets.random()) : Optional.empty();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", request.callbackUri().toString());
        query.put("scope", settings.scope());
        query.put("state", state);
        verifier.ifPresent(v -> {
            query.put("code_challenge", Secrets.s256Challenge(v));
            query.put("code_challenge_method", "S256");
        });
        Transaction transaction = new Transaction(settings.alias(), state, verifier, Optional.empty(),
                request.requestedLevel(), request.callbackUri(), clock.instant());
        flow.started();
        return new SignInStart(UpstreamHttp.withQuery(settings.authorizationEndpoint(), query), transaction);
    }

    @Override
    public SignInResult finish(Transaction transaction, CallbackRequest callback) {
        return flow.finish(transaction, callback, code -> {
            String accessToken = exchange(transaction, code, callback.parameter("encrypt_key"));
            Map<String, Object> claims = VneidEnvelope.open(
                    http.getWithBearer("userinfo endpoint", settings.userinfoEndpoint(), accessToken).body(),
                    key.privateKey(), "userinfo response");
            return identity(claims);
        });
    }

    /** Exposed for tests and health pages: OPEN means the upstream is being spared. */
    io.github.resilience4j.circuitbreaker.CircuitBreaker.State circuitState() {
        return http.circuitBreaker().getState();
    }

    private String exchange(Transaction transaction, String code, Optional<String> encryptKey) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret());
        form.put("code", code);
        form.put("redirect_uri", transaction.callbackUri().toString());
        transaction.codeVerifier().ifPresent(v -> form.put("code_verifier", v));
        // An encrypted code only opens upstream together with the key it was sent with.
        encryptKey.filter(k -> !k.isBlank()).ifPresent(k -> form.put("encrypt_key", k));
        Map<String, Object> token = VneidEnvelope.open(
                http.postForm("token endpoint", settings.tokenEndpoint(), form).body(), key.privateKey(), "token response");
        return Json.text(token, settings.accessTokenField()).orElseThrow(() -> new UpstreamFailure(
                FailureKind.MALFORMED_RESPONSE, "token response has no '" + settings.accessTokenField() + "'"));
    }

    private VerifiedIdentity identity(Map<String, Object> claims) {
        VneidSettings.ClaimNames names = settings.claims();
        PersonalIdNumber pid = Claims.requiredPersonalId(claims, names.personalId(), clock);
        Optional<String> taxCode = Json.text(claims, names.enterpriseTaxCode());
        VerifiedIdentity.Builder builder = VerifiedIdentity
                .builder(taxCode.isPresent() ? IdentityKind.ENTERPRISE : IdentityKind.CITIZEN, settings.alias(), pid.value())
                .personalId(pid)
                .name(Claims.name(claims, names.fullName()).orElse(null))
                .birthDate(Claims.birthDate(claims, names.birthDate(), settings.birthDatePatterns()).orElse(null))
                // An explicit gender claim is used when readable; otherwise the number's century digit tells.
                .gender(Claims.gender(claims, names.gender()).orElse(pid.gender()))
                .level(Claims.level(claims, names.level(), settings.levelMapping()))
                .rawClaims(claims);
        taxCode.ifPresent(tax -> builder.enterprise(
                new VerifiedIdentity.Enterprise(tax, Json.text(claims, names.enterpriseName()))));
        return builder.build();
    }
}
