package vn.haiphong.hpid.vneid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.haiphong.hpid.spi.CallbackRequest;
import vn.haiphong.hpid.spi.FailureKind;
import vn.haiphong.hpid.spi.IdentityKind;
import vn.haiphong.hpid.spi.LevelOfAssurance;
import vn.haiphong.hpid.spi.PersonalIdNumber;
import vn.haiphong.hpid.spi.SignInRequest;
import vn.haiphong.hpid.spi.SignInResult;
import vn.haiphong.hpid.spi.SignInStart;
import vn.haiphong.hpid.spi.VerifiedIdentity;

class VneidSandboxRoundTripTest {

    private static final URI CALLBACK = URI.create("http://localhost:8080/realms/citizens/broker/vneid/endpoint");
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static VneidSandbox sandbox;
    private static VneidConnector connector;

    @BeforeAll
    static void startSandbox() {
        sandbox = VneidSandbox.start(TestKeys.RELYING_PARTY.getPublic(), "hp-sandbox", "sandbox-secret");
        connector = new VneidConnector(sandbox.connectorSettings().build(), TestKeys.RP_KEY);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    /** What the browser does: open the picker, click a citizen, and come back with the raw query. */
    private static CallbackRequest pick(SignInStart start, String personalId) throws IOException, InterruptedException {
        HttpResponse<String> picker = BROWSER.send(HttpRequest.newBuilder(start.redirectUri()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(picker.statusCode()).isEqualTo(200);
        assertThat(picker.body()).contains(personalId);
        HttpResponse<String> chosen = BROWSER.send(
                HttpRequest.newBuilder(URI.create(start.redirectUri() + "&citizen=" + personalId)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chosen.statusCode()).isEqualTo(302);
        String location = chosen.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CALLBACK.toString());
        return new CallbackRequest(URI.create(location).getRawQuery());
    }

    private static SignInResult signInAs(String personalId, LevelOfAssurance level) throws Exception {
        SignInStart start = connector.start(new SignInRequest(CALLBACK, level));
        return connector.finish(start.transaction(), pick(start, personalId));
    }

    private static VerifiedIdentity verified(SignInResult result) {
        assertThat(result).as("%s", result).isInstanceOf(SignInResult.Verified.class);
        return ((SignInResult.Verified) result).identity();
    }

    @Test
    void levelTwoCitizenOfHaiPhongSignsInThroughTheEncryptedProtocol() throws Exception {
        VerifiedIdentity identity = verified(signInAs("031085001234", LevelOfAssurance.HIGH));

        assertThat(identity.personalId().orElseThrow().province().name()).contains("Hải Phòng");
        assertThat(identity.name().orElseThrow().fullName()).isEqualTo("Nguyễn Văn Hải");
        assertThat(identity.birthDate()).contains(LocalDate.of(1985, 3, 15));
        assertThat(identity.level()).isEqualTo(LevelOfAssurance.HIGH);
        assertThat(identity.providerAlias()).isEqualTo("vneid-sandbox");
    }

    @Test
    void sandboxCodesCarryAPlusThatSurvivesTheRawQuery() throws Exception {
        SignInStart start = connector.start(new SignInRequest(CALLBACK, LevelOfAssurance.LOW));
        CallbackRequest callback = pick(start, "001078012345");

        assertThat(callback.rawQuery()).contains("encrypt_key=");
        assertThat(callback.parameter("code").orElseThrow()).contains("+");
        verified(connector.finish(start.transaction(), callback));
    }

    @Test
    void levelOneCitizenIsRefusedWhereLevelTwoIsRequired() throws Exception {
        SignInResult result = signInAs("031195004567", LevelOfAssurance.HIGH);

        assertThat(result).isInstanceOfSatisfying(SignInResult.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.LEVEL_TOO_LOW));
    }

    @Test
    void enterpriseDirectorSignsInForTheEnterprise() throws Exception {
        VerifiedIdentity identity = verified(signInAs("031180009876", LevelOfAssurance.LOW));

        assertThat(identity.kind()).isEqualTo(IdentityKind.ENTERPRISE);
        assertThat(identity.enterprise().orElseThrow().taxCode()).isEqualTo("0201234567");
    }

    @Test
    void authorizationCodeCannotBeRedeemedTwice() throws Exception {
        SignInStart start = connector.start(new SignInRequest(CALLBACK, LevelOfAssurance.LOW));
        CallbackRequest callback = pick(start, "079301123456");
        verified(connector.finish(start.transaction(), callback));

        SignInResult replay = connector.finish(start.transaction(), callback);

        assertThat(replay).isInstanceOfSatisfying(SignInResult.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.UPSTREAM_ERROR));
    }

    @Test
    void cancelOnThePickerIsUserCancelled() throws Exception {
        SignInStart start = connector.start(new SignInRequest(CALLBACK, LevelOfAssurance.LOW));
        HttpResponse<String> cancelled = BROWSER.send(
                HttpRequest.newBuilder(URI.create(start.redirectUri() + "&cancel=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        CallbackRequest callback = new CallbackRequest(
                URI.create(cancelled.headers().firstValue("Location").orElseThrow()).getRawQuery());

        assertThat(connector.finish(start.transaction(), callback)).isInstanceOfSatisfying(SignInResult.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.USER_CANCELLED));
    }

    @Test
    void everyDocumentedCitizenSignsInWithAValidPersonalIdNumber() throws Exception {
        List<VneidSandbox.Citizen> citizens = sandbox.citizens();
        assertThat(citizens).hasSizeGreaterThanOrEqualTo(6);
        for (VneidSandbox.Citizen citizen : citizens) {
            VerifiedIdentity identity = verified(signInAs(citizen.personalId(), LevelOfAssurance.LOW));
            assertThat(identity.personalId().orElseThrow().value()).isEqualTo(citizen.personalId());
        }
    }

    @Test
    void citizensCoverProvincesCenturiesLevelsAMinorAndAnEnterprise() {
        List<PersonalIdNumber> ids = sandbox.citizens().stream()
                .map(c -> PersonalIdNumber.parse(c.personalId())).toList();

        assertThat(ids).extracting(PersonalIdNumber::provinceCode).contains("031", "001", "079", "022");
        assertThat(ids).anyMatch(id -> id.birthYear().getValue() < 2000).anyMatch(id -> id.birthYear().getValue() >= 2000);
        assertThat(ids).anyMatch(id -> id.birthYear().getValue() == 2012);
        assertThat(sandbox.citizens()).extracting(c -> c.claims().get("accountLevel")).contains("1", "2");
        assertThat(sandbox.citizens()).anyMatch(c -> c.claims().containsKey("enterpriseTaxCode"));
    }
}
