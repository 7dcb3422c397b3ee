package vn.haiphong.hpid.vneid;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Single sign-on of the national public-service portal (Cổng Dịch vụ công quốc gia):
 * a plain OAuth 2.0 code flow whose userinfo speaks Vietnamese claim names. The account
 * key depends on {@code LoaiTaiKhoan}: the personal ID (else the old ID card number) for
 * citizens, the tax code for enterprises, the TechID for organisations — never {@code sub},
 * which is the portal's internal id.
 */
public final class DvcqgConnector implements UpstreamIdentityProvider {

    static final String ACCOUNT_TYPE = "LoaiTaiKhoan";
    static final String PERSONAL_ID = "SoDinhDanh";
    static final String OLD_ID_CARD = "SoCMND";
    static final String FULL_NAME = "HoVaTen";
    static final String BIRTH_DATE = "NgayThangNamSinh";
    static final String GENDER = "GioiTinh";
    static final String TAX_CODE = "MaSoThue";
    static final String ENTERPRISE_NAME = "TenDoanhNghiep";
    static final String TECH_ID = "TechID";

    private final DvcqgSettings settings;
    private final Clock clock;
    private final UpstreamHttp http;
    private final SignInFlow flow;

    public DvcqgConnector(DvcqgSettings settings) {
        this(settings, Clock.systemUTC(), IdentityEventListener.NONE);
    }

    public DvcqgConnector(DvcqgSettings settings, Clock clock, IdentityEventListener events) {
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
        String state = Secrets.random();
        Optional<String> verifier = settings.usePkce() ? Optional.of(Secrets.random()) : Optional.empty();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", request.callbackUri().toString());
        query.put("scope", settings.scope());
        query.put("acr_values", settings.acrValues());
        query.put("state", state);
        verifier.ifPresent(v -> {
            query.put("code_challenge", Secrets.s256Challenge(v));
            query.put("code_challenge_method", "S256");
        });
        flow.started();
        return new SignInStart(UpstreamHttp.withQuery(settings.authorizationEndpoint(), query),
                new Transaction(settings.alias(), state, verifier, Optional.empty(), request.requestedLevel(),
                        request.callbackUri(), clock.instant()));
    }

    @Override
    public SignInResult finish(Transaction transaction, CallbackRequest callback) {
        return flow.finish(transaction, callback, code -> {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "authorization_code");
            form.put("client_id", settings.clientId());
            form.put("client_secret", settings.clientSecret());
            form.put("code", code);
            form.put("redirect_uri", transaction.callbackUri().toString());
            transaction.codeVerifier().ifPresent(v -> form.put("code_verifier", v));
            Map<String, Object> token = Json.object(
                    http.postForm("token endpoint", settings.tokenEndpoint(), form).body(), "token response");
            String accessToken = Json.text(token, "access_token").orElseThrow(() ->
                    new UpstreamFailure(FailureKind.MALFORMED_RESPONSE, "token response has no access_token"));
            Map<String, Object> claims = Json.object(
                    http.getWithBearer("userinfo endpoint", settings.userinfoEndpoint(), accessToken).body(),
                    "userinfo response");
            return identity(claims);
        });
    }

    VerifiedIdentity identity(Map<String, Object> claims) {
        String type = Json.text(claims, ACCOUNT_TYPE).orElseThrow(() ->
                new UpstreamFailure(FailureKind.MALFORMED_RESPONSE, "userinfo has no " + ACCOUNT_TYPE));
        VerifiedIdentity.Builder builder = switch (type) {
            case "1" -> citizen(claims);
            case "2" -> enterprise(claims);
            case "3" -> organisation(claims);
            default -> throw new UpstreamFailure(FailureKind.MALFORMED_RESPONSE,
                    ACCOUNT_TYPE + " '" + (type.length() <= 3 ? type : "?") + "' is none of 1, 2, 3");
        };
        return builder
                .name(Claims.name(claims, FULL_NAME).orElse(null))
                .birthDate(Claims.birthDate(claims, BIRTH_DATE, List.of("yyyyMMdd")).orElse(null))
                .level(Claims.level(claims, settings.levelClaim(), settings.levelMapping()))
                .rawClaims(claims)
                .build();
    }

    private VerifiedIdentity.Builder citizen(Map<String, Object> claims) {
        Optional<String> personalId = Json.text(claims, PERSONAL_ID);
        if (personalId.isPresent()) {
            PersonalIdNumber pid = Claims.personalId(personalId.get(), PERSONAL_ID, clock);
            return VerifiedIdentity.builder(IdentityKind.CITIZEN, settings.alias(), pid.value())
                    .personalId(pid)
                    .gender(Claims.gender(claims, GENDER).orElse(pid.gender()));
        }
        // Accounts made before the 12-digit number: keyed on the old 9-digit card, which proves less.
        String oldCard = Json.text(claims, OLD_ID_CARD).orElseThrow(() -> new UpstreamFailure(
                FailureKind.MISSING_PERSONAL_ID, "citizen account has neither " + PERSONAL_ID + " nor " + OLD_ID_CARD));
        return VerifiedIdentity.builder(IdentityKind.CITIZEN, settings.alias(), "cmnd:" + oldCard)
                .gender(Claims.gender(claims, GENDER).orElse(null));
    }

    private VerifiedIdentity.Builder enterprise(Map<String, Object> claims) {
        String taxCode = Json.text(claims, TAX_CODE).orElseThrow(() ->
                new UpstreamFailure(FailureKind.MALFORMED_RESPONSE, "enterprise account has no " + TAX_CODE));
        VerifiedIdentity.Builder builder = VerifiedIdentity.builder(IdentityKind.ENTERPRISE, settings.alias(), taxCode)
                .enterprise(new VerifiedIdentity.Enterprise(taxCode, Json.text(claims, ENTERPRISE_NAME)));
        // The representative's own number, when sent, is kept; its absence is normal for enterprises.
        Json.text(claims, PERSONAL_ID).ifPresent(raw -> builder.personalId(Claims.personalId(raw, PERSONAL_ID, clock)));
        return builder;
    }

    private VerifiedIdentity.Builder organisation(Map<String, Object> claims) {
        String techId = Json.text(claims, TECH_ID).orElseThrow(() ->
                new UpstreamFailure(FailureKind.MALFORMED_RESPONSE, "organisation account has no " + TECH_ID));
        return VerifiedIdentity.builder(IdentityKind.ORGANISATION, settings.alias(), techId).organisationId(techId);
    }
}
