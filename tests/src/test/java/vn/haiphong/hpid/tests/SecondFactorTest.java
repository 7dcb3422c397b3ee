package vn.haiphong.hpid.tests;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time-based one-time password second factor (RFC 6238), as an authenticator app on
 * a phone would produce the codes: required by a realm's policy, or enrolled by the
 * person from the account page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecondFactorTest {

	static final String PASSWORD = "hai lớp khoá cho cán bộ";

	HpidServer server;

	@BeforeAll
	void start() throws Exception {
		this.server = HpidServer.start(HpidServer.Database.H2);
	}

	@AfterAll
	void stop() {
		this.server.close();
	}

	@Test
	void aRealmThatRequiresItEnrolsTheAuthenticatorAtRegistrationAndAsksForACodeAtEverySignIn() throws Exception {
		String email = "mfa-" + UUID.randomUUID().toString().substring(0, 8) + "@example.vn";
		String secret;
		String enrolmentCode;
		try (Browser browser = new Browser()) {
			HtmlPage login = loginPage(browser, "secure");
			HtmlPage register = login.getAnchors().stream().filter((a) -> a.getHrefAttribute().contains("/register"))
				.findFirst().orElseThrow().click();
			HtmlForm form = register.getForms().get(0);
			form.getInputByName("name").setValue("Cán Bộ Thử");
			form.getInputByName("identifier").setValue(email);
			form.getInputByName("password").setValue(PASSWORD);
			form.getInputByName("confirm").setValue(PASSWORD);
			Page afterRegistration = form.getOneHtmlElementByAttribute("button", "type", "submit").click();
			String setupUrl = afterRegistration.getWebResponse().getResponseHeaderValue("Location");
			assertThat(setupUrl).contains("/realms/secure/login/otp-setup");
			HtmlPage setup = (HtmlPage) browser.open(absolute(setupUrl));
			secret = setup.getHtmlElementById("otp-secret").getTextContent().replace(" ", "");
			assertThat(setup.getHtmlElementById("otp-uri").getAttribute("href")).startsWith("otpauth://totp/")
				.contains("secret=" + secret);
			// A wrong code does not enrol anything.
			assertThat(submitCode(setup, "000000").getWebResponse().getStatusCode()).isEqualTo(401);
			setup = (HtmlPage) browser.open(absolute(setupUrl));
			enrolmentCode = code(secret, 0);
			Page done = submitCode(setup, enrolmentCode);
			assertThat(done.getWebResponse().getStatusCode()).isEqualTo(302);
		}
		// The next sign-in asks for a code after the password, and a code works once.
		try (Browser browser = new Browser()) {
			Flow flow = new Flow();
			Page afterPassword = Browser.signIn(loginPage(browser, flow), email, PASSWORD);
			String otpUrl = afterPassword.getWebResponse().getResponseHeaderValue("Location");
			assertThat(otpUrl).contains("/realms/secure/login/otp?tx=");
			HtmlPage otp = (HtmlPage) browser.open(absolute(otpUrl));
			// The one-time code page links its realm's stylesheet (this realm has no branding: hpid's look).
			assertThat(otp.getHtmlElementById("branding-css").getAttribute("href"))
				.endsWith("/realms/secure/branding.css");
			assertThat(submitCode(otp, enrolmentCode).getWebResponse().getStatusCode())
				.as("the code used at enrolment is spent").isEqualTo(401);
			otp = (HtmlPage) browser.open(absolute(otpUrl));
			Page accepted = submitCode(otp, code(secret, 1));
			String resume = accepted.getWebResponse().getResponseHeaderValue("Location");
			Page callback = browser.open(resume);
			String location = callback.getWebResponse().getResponseHeaderValue("Location");
			JWTClaimsSet id = flow.exchange(location);
			assertThat(id.getStringClaim("acr")).isEqualTo("urn:hpid:acr:local-mfa");
			assertThat(id.getStringListClaim("amr")).containsExactly("pwd", "otp");
		}
	}

	@Test
	void aPersonEnrolsFromTheAccountPageAndIsAskedForACodeFromThenOn() throws Exception {
		String email = "mfa-opt-" + UUID.randomUUID().toString().substring(0, 8) + "@example.vn";
		try (Browser browser = new Browser()) {
			HtmlPage login = loginPage(browser, "haiphong");
			HtmlPage register = login.getAnchors().stream().filter((a) -> a.getHrefAttribute().contains("/register"))
				.findFirst().orElseThrow().click();
			HtmlForm form = register.getForms().get(0);
			form.getInputByName("name").setValue("Người Dân Thử");
			form.getInputByName("identifier").setValue(email);
			form.getInputByName("password").setValue(PASSWORD);
			form.getInputByName("confirm").setValue(PASSWORD);
			assertThat(form.getOneHtmlElementByAttribute("button", "type", "submit").click().getWebResponse()
				.getResponseHeaderValue("Location")).as("optional: no second step").doesNotContain("/otp");
			HtmlPage account = (HtmlPage) browser.open(this.server.issuer() + "/account/otp");
			String secret = account.getHtmlElementById("otp-secret").getTextContent().replace(" ", "");
			HtmlForm enrol = account.getForms().get(0);
			enrol.getInputByName("code").setValue(code(secret, 0));
			HtmlPage enrolled = enrol.getOneHtmlElementByAttribute("button", "type", "submit").click();
			assertThat(enrolled.getElementById("otp-enrolled") != null).isTrue();
		}
		try (Browser browser = new Browser()) {
			HtmlPage login = loginPage(browser, "haiphong");
			Page afterPassword = Browser.signIn(login, email, PASSWORD);
			assertThat(afterPassword.getWebResponse().getResponseHeaderValue("Location"))
				.contains("/realms/haiphong/login/otp?tx=");
		}
	}

	@Test
	void theAccountPageNeedsASignedInPerson() throws Exception {
		try (Browser browser = new Browser()) {
			assertThat(browser.open(this.server.issuer() + "/account/otp").getWebResponse().getStatusCode())
				.isEqualTo(401);
		}
	}

	// ----- helpers -----

	/** What an authenticator app shows for the step {@code offset} steps from now. */
	static String code(String base32Secret, int offset) throws Exception {
		byte[] key = base32(base32Secret);
		long step = Instant.now().getEpochSecond() / 30 + offset;
		byte[] counter = new byte[8];
		for (int i = 7; i >= 0; i--) {
			counter[i] = (byte) (step & 0xff);
			step >>= 8;
		}
		Mac mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec(key, "HmacSHA1"));
		byte[] hash = mac.doFinal(counter);
		int offsetBits = hash[19] & 0x0f;
		int binary = ((hash[offsetBits] & 0x7f) << 24) | ((hash[offsetBits + 1] & 0xff) << 16)
				| ((hash[offsetBits + 2] & 0xff) << 8) | (hash[offsetBits + 3] & 0xff);
		return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
	}

	static byte[] base32(String text) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		int buffer = 0;
		int bits = 0;
		for (char c : text.toCharArray()) {
			buffer = (buffer << 5) | alphabet.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				out.write((buffer >> (bits - 8)) & 0xff);
				bits -= 8;
			}
		}
		return out.toByteArray();
	}

	Page submitCode(HtmlPage page, String code) throws Exception {
		HtmlForm form = page.getForms().get(0);
		form.getInputByName("code").setValue(code);
		return form.getOneHtmlElementByAttribute("button", "type", "submit").click();
	}

	String absolute(String location) {
		return location.startsWith("http") ? location : this.server.base() + location;
	}

	HtmlPage loginPage(Browser browser, String realm) throws Exception {
		return loginPage(browser, new Flow(realm));
	}

	HtmlPage loginPage(Browser browser, Flow flow) throws Exception {
		Page page = browser.open(flow.request());
		return (HtmlPage) browser.open(page.getWebResponse().getResponseHeaderValue("Location"));
	}

	final class Flow {

		final String realm;

		final CodeVerifier verifier = new CodeVerifier();

		Flow() {
			this("secure");
		}

		Flow(String realm) {
			this.realm = realm;
		}

		URI redirect() {
			return URI.create(this.realm.equals("secure") ? "http://localhost/secure-app/callback"
					: "http://localhost/app-a/callback");
		}

		URI request() {
			return new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid"),
					new ClientID("app-a"), redirect())
				.endpointURI(URI.create(SecondFactorTest.this.server.base() + "/realms/" + this.realm
						+ "/protocol/openid-connect/auth"))
				.state(new State())
				.codeChallenge(this.verifier, CodeChallengeMethod.S256)
				.build()
				.toURI();
		}

		JWTClaimsSet exchange(String callback) throws Exception {
			var code = AuthorizationResponse.parse(URI.create(callback)).toSuccessResponse().getAuthorizationCode();
			TokenResponse response = OIDCTokenResponseParser.parse(new TokenRequest(
					URI.create(SecondFactorTest.this.server.base() + "/realms/" + this.realm
							+ "/protocol/openid-connect/token"),
					new ClientSecretBasic(new ClientID("app-a"), new Secret(HpidServer.APP_A_SECRET)),
					new AuthorizationCodeGrant(code, redirect(), this.verifier)).toHTTPRequest().send());
			assertThat(response.indicatesSuccess()).isTrue();
			return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken().getJWTClaimsSet();
		}

	}

}
