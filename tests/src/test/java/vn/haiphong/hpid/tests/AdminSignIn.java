package vn.haiphong.hpid.tests;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
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

/**
 * Signs administrators in as the admin console does: authorization code with PKCE at the
 * realm {@code admin} (client {@code admin-console}), password, then the one-time code —
 * enrolled at the first sign-in, as the realm requires — and returns the access token.
 * Remembers each administrator's authenticator secret for their later sign-ins.
 */
final class AdminSignIn {

	private final String base;

	private final Map<String, String> secrets = new HashMap<>();

	private final Map<String, Long> lastStep = new HashMap<>();

	/** @param base hpid's base URL, e.g. {@code http://localhost:8080} */
	AdminSignIn(String base) {
		this.base = base;
	}

	URI consoleUri() {
		return URI.create(this.base + "/admin/console/");
	}

	String accessToken(String email, String password) throws Exception {
		CodeVerifier verifier = new CodeVerifier();
		URI request = new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid", "profile"),
				new ClientID("admin-console"), consoleUri())
			.endpointURI(URI.create(this.base + "/realms/admin/protocol/openid-connect/auth"))
			.state(new State())
			.codeChallenge(verifier, CodeChallengeMethod.S256)
			.build()
			.toURI();
		try (Browser browser = new Browser()) {
			Page page = browser.open(request);
			page = browser.open(absolute(page.getWebResponse().getResponseHeaderValue("Location")));
			page = Browser.signIn((HtmlPage) page, email, password);
			String location = page.getWebResponse().getResponseHeaderValue("Location");
			if (location == null) {
				throw new AssertionError("sign-in refused: " + page.getWebResponse().getContentAsString());
			}
			if (location.contains("/login/otp-setup")) {
				HtmlPage setup = (HtmlPage) browser.open(absolute(location));
				this.secrets.put(email, setup.getHtmlElementById("otp-secret").getTextContent().replace(" ", ""));
				location = submitCode(setup, nextCode(email));
			}
			else if (location.contains("/login/otp")) {
				location = submitCode((HtmlPage) browser.open(absolute(location)), nextCode(email));
			}
			for (int step = 0; step < 5 && !location.startsWith(consoleUri().toString()); step++) {
				location = browser.open(absolute(location)).getWebResponse().getResponseHeaderValue("Location");
			}
			var code = AuthorizationResponse.parse(URI.create(location)).toSuccessResponse().getAuthorizationCode();
			TokenResponse response = OIDCTokenResponseParser.parse(new TokenRequest(
					URI.create(this.base + "/realms/admin/protocol/openid-connect/token"), new ClientID("admin-console"),
					new AuthorizationCodeGrant(code, consoleUri(), verifier)).toHTTPRequest().send());
			if (!response.indicatesSuccess()) {
				throw new AssertionError("token request refused: " + response.toErrorResponse().getErrorObject());
			}
			return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getAccessToken().getValue();
		}
	}

	/**
	 * A code of a step newer than the last one used: hpid accepts each step once (RFC 6238
	 * §5.2), from one step before now to one after. Waits for the next step when needed.
	 * Never the step before now: the server's clock may pass into the next step before the
	 * code arrives, and that step would then be two behind (a CI run failed so).
	 */
	private String nextCode(String email) throws Exception {
		long now = java.time.Instant.now().getEpochSecond() / 30;
		long step = Math.max(now, this.lastStep.getOrDefault(email, Long.MIN_VALUE) + 1);
		if (step > now + 1) {
			Thread.sleep((step - 1) * 30_000 - System.currentTimeMillis() + 200);
			now = java.time.Instant.now().getEpochSecond() / 30;
		}
		this.lastStep.put(email, step);
		return SecondFactorTest.code(this.secrets.get(email), (int) (step - now));
	}

	private String submitCode(HtmlPage page, String code) throws Exception {
		HtmlForm form = page.getForms().get(0);
		form.getInputByName("code").setValue(code);
		Page result = form.getOneHtmlElementByAttribute("button", "type", "submit").click();
		String location = result.getWebResponse().getResponseHeaderValue("Location");
		if (location == null) {
			throw new AssertionError("one-time code refused: " + result.getWebResponse().getStatusCode());
		}
		return location;
	}

	private String absolute(String location) {
		return location.startsWith("http") ? location : this.base + location;
	}

}
