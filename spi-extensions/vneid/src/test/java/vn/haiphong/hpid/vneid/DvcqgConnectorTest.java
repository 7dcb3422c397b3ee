package vn.haiphong.hpid.vneid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import vn.haiphong.hpid.spi.CallbackRequest;
import vn.haiphong.hpid.spi.FailureKind;
import vn.haiphong.hpid.spi.Gender;
import vn.haiphong.hpid.spi.IdentityEventListener;
import vn.haiphong.hpid.spi.IdentityKind;
import vn.haiphong.hpid.spi.LevelOfAssurance;
import vn.haiphong.hpid.spi.SignInRequest;
import vn.haiphong.hpid.spi.SignInResult;
import vn.haiphong.hpid.spi.SignInStart;
import vn.haiphong.hpid.spi.Transaction;
import vn.haiphong.hpid.spi.VerifiedIdentity;

class DvcqgConnectorTest {

    @RegisterExtension
    static WireMockExtension portal = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final URI CALLBACK = URI.create("https://id.haiphong.gov.vn/realms/citizens/broker/dvcqg/endpoint");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T08:00:00Z"), ZoneOffset.UTC);

    private DvcqgConnector connector() {
        return new DvcqgConnector(DvcqgSettings.forHost(URI.create(portal.baseUrl()), "hp-dvc", "dvc-secret"),
                CLOCK, IdentityEventListener.NONE);
    }

    private SignInResult signInWith(String userinfoJson) {
        portal.stubFor(post(urlEqualTo("/oauth2/token")).willReturn(okJson("{\"access_token\":\"dvc-at\",\"token_type\":\"Bearer\"}")));
        portal.stubFor(get(urlEqualTo("/oauth2/userinfo")).withHeader("Authorization", equalTo("Bearer dvc-at"))
                .willReturn(okJson(userinfoJson)));
        DvcqgConnector connector = connector();
        Transaction tx = connector.start(new SignInRequest(CALLBACK, LevelOfAssurance.LOW)).transaction();
        return connector.finish(tx, new CallbackRequest("code=c0de&state=" + tx.state()));
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
    void authorizeRequestAsksForLoA1WithScopeOpenid() {
        SignInStart start = connector().start(new SignInRequest(CALLBACK, LevelOfAssurance.LOW));
        CallbackRequest query = new CallbackRequest(start.redirectUri().getRawQuery());

        assertThat(start.redirectUri().getPath()).isEqualTo("/oauth2/authorize");
        assertThat(query.parameter("acr_values")).contains("LoA1");
        assertThat(query.parameter("scope")).contains("openid");
        assertThat(query.parameter("response_type")).contains("code");
        assertThat(query.parameter("client_id")).contains("hp-dvc");
    }

    @Test
    void citizenIsKeyedOnSoDinhDanhNeverOnSub() {
        VerifiedIdentity identity = verified(signInWith("""
                {"sub":"portal-internal-991","LoaiTaiKhoan":"1","SoDinhDanh":"031195004567",
                 "HoVaTen":"Trần Thị Lan","NgayThangNamSinh":"19950712","GioiTinh":"Nữ","ThuDienTu":"lan@example.vn"}"""));

        assertThat(identity.kind()).isEqualTo(IdentityKind.CITIZEN);
        assertThat(identity.upstreamSubject()).isEqualTo("031195004567").doesNotContain("portal-internal");
        assertThat(identity.personalId().orElseThrow().value()).isEqualTo("031195004567");
        assertThat(identity.name().orElseThrow().middleName()).contains("Thị");
        assertThat(identity.birthDate()).contains(LocalDate.of(1995, 7, 12));
        assertThat(identity.gender()).contains(Gender.FEMALE);
        assertThat(identity.level()).isEqualTo(LevelOfAssurance.LOW);
        portal.verify(postRequestedFor(urlEqualTo("/oauth2/token")).withFormParam("code", equalTo("c0de")));
    }

    @Test
    void accountTypeMayArriveAsANumber() {
        assertThat(verified(signInWith("{\"LoaiTaiKhoan\":1,\"SoDinhDanh\":\"031195004567\"}")).kind())
                .isEqualTo(IdentityKind.CITIZEN);
    }

    @Test
    void citizenWithoutSoDinhDanhFallsBackToTheOldIdCardNumber() {
        VerifiedIdentity identity = verified(signInWith("""
                {"sub":"x","LoaiTaiKhoan":"1","SoCMND":"031456789","HoVaTen":"Lê Văn Hùng"}"""));

        assertThat(identity.upstreamSubject()).isEqualTo("cmnd:031456789");
        assertThat(identity.personalId()).isEmpty();
    }

    @Test
    void citizenWithNeitherNumberIsMissingPersonalId() {
        assertThat(failed(signInWith("{\"sub\":\"x\",\"LoaiTaiKhoan\":\"1\",\"HoVaTen\":\"Lê Văn Hùng\"}")).kind())
                .isEqualTo(FailureKind.MISSING_PERSONAL_ID);
    }

    @Test
    void malformedSoDinhDanhIsInvalidPersonalId() {
        SignInResult.Failed failure = failed(signInWith("{\"LoaiTaiKhoan\":\"1\",\"SoDinhDanh\":\"03119500456\"}"));

        assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_PERSONAL_ID);
        assertThat(failure.detail()).doesNotContain("03119500456");
    }

    @Test
    void enterpriseIsKeyedOnItsTaxCode() {
        VerifiedIdentity identity = verified(signInWith("""
                {"sub":"y","LoaiTaiKhoan":"2","MaSoThue":"0201234567","TenDoanhNghiep":"Công ty TNHH Cảng Xanh",
                 "HoVaTen":"Đỗ Thị Hương"}"""));

        assertThat(identity.kind()).isEqualTo(IdentityKind.ENTERPRISE);
        assertThat(identity.upstreamSubject()).isEqualTo("0201234567");
        assertThat(identity.enterprise().orElseThrow().name()).contains("Công ty TNHH Cảng Xanh");
        assertThat(identity.personalId()).isEmpty();
    }

    @Test
    void enterpriseWithoutTaxCodeIsMalformed() {
        assertThat(failed(signInWith("{\"LoaiTaiKhoan\":\"2\",\"TenDoanhNghiep\":\"X\"}")).kind())
                .isEqualTo(FailureKind.MALFORMED_RESPONSE);
    }

    @Test
    void organisationIsKeyedOnTechId() {
        VerifiedIdentity identity = verified(signInWith("""
                {"sub":"z","LoaiTaiKhoan":"3","TechID":"ORG-HP-0042","HoVaTen":"Sở Thông tin và Truyền thông"}"""));

        assertThat(identity.kind()).isEqualTo(IdentityKind.ORGANISATION);
        assertThat(identity.upstreamSubject()).isEqualTo("ORG-HP-0042");
        assertThat(identity.organisationId()).contains("ORG-HP-0042");
    }

    @Test
    void unknownAccountTypeIsMalformedNotGuessed() {
        assertThat(failed(signInWith("{\"LoaiTaiKhoan\":\"4\",\"SoDinhDanh\":\"031195004567\"}")).kind())
                .isEqualTo(FailureKind.MALFORMED_RESPONSE);
    }

    @Test
    void tokenEndpointRefusalIsAnUpstreamError() {
        portal.stubFor(post(urlEqualTo("/oauth2/token")).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":\"invalid_grant\"}")));
        DvcqgConnector connector = connector();
        Transaction tx = connector.start(new SignInRequest(CALLBACK, LevelOfAssurance.LOW)).transaction();

        assertThat(failed(connector.finish(tx, new CallbackRequest("code=c&state=" + tx.state()))).kind())
                .isEqualTo(FailureKind.UPSTREAM_ERROR);
    }
}
