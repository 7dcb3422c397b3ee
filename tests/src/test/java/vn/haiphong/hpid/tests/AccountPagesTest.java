package vn.haiphong.hpid.tests;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import org.htmlunit.Page;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local accounts through the pages, as a person uses them: registration and the
 * password policy, sign-in without account enumeration, throttling without lockout,
 * languages, and the defensive headers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class AccountPagesTest {

	static final String PASSWORD = "một chiếc thuyền nhỏ trên sông Cấm";

	HpidServer server;

	final String auditStream = "hpid-test-audit-" + UUID.randomUUID();

	OIDCProviderMetadata op;

	@BeforeAll
	void start() throws Exception {
		this.server = HpidServer.start(HpidServer.Database.H2, "--hpid.audit.redis-stream=" + this.auditStream);
		this.op = OIDCProviderMetadata.resolve(new Issuer(this.server.issuer()));
	}

	@AfterAll
	void stop() {
		this.server.close();
	}

	@Test
	void registrationRefusesShortCommonAndAccountNamePasswords() throws Exception {
		String email = unique() + "@example.vn";
		assertThat(register(email, "ngắn1")).contains("ít nhất 8 ký tự");
		assertThat(register(email, "matkhau123")).contains("quá phổ biến");
		assertThat(register(email, "PASSWORD1")).contains("quá phổ biến");
		assertThat(register(email, email.substring(0, 12) + "-xyz-long-enough")).contains("không được chứa email");
		String phone = "0912" + (100000 + (int) (Math.random() * 899999));
		assertThat(register(phone, "so-cua-toi-" + phone)).contains("không được chứa email, số điện thoại");
	}

	@Test
	void registrationAcceptsLongVietnamesePassphrasesWithoutCompositionRules() throws Exception {
		assertThat(register(unique() + "@example.vn", "a".repeat(3) + " " + "đường phố Hải Phòng ".repeat(5)))
			.isEqualTo("registered");
		assertThat(register(unique() + "@example.vn", "x".repeat(64) + "y".repeat(60))).isEqualTo("registered");
		assertThat(register(unique() + "@example.vn", "tất cả đều là chữ thường")).isEqualTo("registered");
	}

	@Test
	void unknownAccountAndWrongPasswordLookTheSame() throws Exception {
		String email = unique() + "@example.vn";
		assertThat(register(email, PASSWORD)).isEqualTo("registered");
		WebResponse unknown = signIn("khong-ton-tai-" + unique() + "@example.vn", "sai mật khẩu rồi nhé");
		WebResponse wrong = signIn(email, "sai mật khẩu rồi nhé");
		assertThat(unknown.getStatusCode()).isEqualTo(wrong.getStatusCode()).isEqualTo(401);
		assertThat(errorText(unknown)).isEqualTo(errorText(wrong)).contains("không đúng");

		// Both do one Argon2id verification: timing does not tell them apart.
		List<Long> unknownTimes = new ArrayList<>();
		List<Long> wrongTimes = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			unknownTimes.add(timed("khong-co-" + unique() + "@example.vn"));
			wrongTimes.add(timed(email));
		}
		double unknownMedian = median(unknownTimes);
		double wrongMedian = median(wrongTimes);
		assertThat(unknownMedian / wrongMedian).isBetween(0.5, 2.0);
	}

	@Test
	void repeatedFailuresAreSlowedDownButTheOwnerIsNeverLockedOut() throws Exception {
		String email = unique() + "@example.vn";
		assertThat(register(email, PASSWORD)).isEqualTo("registered");
		for (int i = 0; i < 5; i++) {
			assertThat(signIn(email, "đoán mò lần thứ " + i).getStatusCode()).isEqualTo(401);
		}
		WebResponse throttled = signIn(email, PASSWORD);
		assertThat(throttled.getStatusCode()).isEqualTo(429);
		assertThat(Long.parseLong(throttled.getResponseHeaderValue("Retry-After"))).isBetween(0L, 1L);
		assertThat(errorText(throttled)).contains("thử lại sau");
		// Another account is not affected by this one's failures.
		String other = unique() + "@example.vn";
		assertThat(register(other, PASSWORD)).isEqualTo("registered");
		assertThat(signIn(other, PASSWORD).getStatusCode()).isEqualTo(302);
		// After the delay the owner signs in.
		Thread.sleep(1200);
		assertThat(signIn(email, PASSWORD).getStatusCode()).isEqualTo(302);
	}

	@Test
	void pagesAreVietnameseByDefaultAndEnglishBySwitch() throws Exception {
		try (Browser browser = new Browser()) {
			HtmlPage login = loginPage(browser);
			assertThat(login.getDocumentElement().getAttribute("lang")).isEqualTo("vi");
			assertThat(login.getElementsByTagName("h1").get(0).getTextContent()).isEqualTo("Đăng nhập");
			assertThat(login.getHtmlElementById("identifier").getAttribute("autocomplete")).isEqualTo("username");
			assertThat(login.getElementsByTagName("label")).extracting((l) -> l.getAttribute("for"))
				.contains("identifier", "password");
			HtmlPage english = login.getAnchorByHref(login.getAnchors().stream()
				.filter((a) -> a.getHrefAttribute().contains("lang=en"))
				.findFirst()
				.orElseThrow()
				.getHrefAttribute()).click();
			assertThat(english.getDocumentElement().getAttribute("lang")).isEqualTo("en");
			assertThat(english.getElementsByTagName("h1").get(0).getTextContent()).isEqualTo("Sign in");
		}
	}

	@Test
	void pagesCarryStrictSecurityHeaders() throws Exception {
		try (Browser browser = new Browser()) {
			WebResponse response = loginPage(browser).getWebResponse();
			String csp = response.getResponseHeaderValue("Content-Security-Policy");
			assertThat(csp).contains("frame-ancestors 'none'").contains("script-src 'self'").doesNotContain("unsafe");
			assertThat(response.getResponseHeaderValue("X-Frame-Options")).isEqualTo("DENY");
			assertThat(response.getResponseHeaderValue("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(response.getResponseHeaderValue("Referrer-Policy")).isEqualTo("no-referrer");
		}
	}

	@Test
	void eachRealmServesItsBrandingAsAStylesheetAndALogoFile() throws Exception {
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		java.net.http.HttpResponse<String> css = http.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create(this.server.issuer() + "/branding.css")).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(css.statusCode()).isEqualTo(200);
		assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type)
			.startsWith("text/css"));
		assertThat(css.body()).contains("--brand: #b71c1c;").contains("--bg: #fdf6ec;");

		java.net.http.HttpResponse<byte[]> logo = http.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create(this.server.issuer() + "/branding/logo")).build(),
				java.net.http.HttpResponse.BodyHandlers.ofByteArray());
		assertThat(logo.statusCode()).isEqualTo(200);
		assertThat(logo.headers().firstValue("Content-Type")).contains("image/svg+xml");
		// Opened on its own, the SVG runs sandboxed: no script, whatever the file holds.
		assertThat(logo.headers().allValues("Content-Security-Policy")).anySatisfy((policy) -> assertThat(policy)
			.contains("sandbox"));
		assertThat(new String(logo.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("<svg");

		String base = this.server.base();
		assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/realms/staff/branding.css"))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body()).contains("--brand: #0b5cab;")
			.doesNotContain("--bg");
		// The staff realm's logo is an https URL: nothing to serve, and its origin is allowed for images.
		assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/realms/staff/branding/logo"))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
		assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/realms/nowhere/branding.css"))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
		try (Browser browser = new Browser()) {
			WebResponse page = loginPage(browser).getWebResponse();
			assertThat(page.getResponseHeaderValue("Content-Security-Policy"))
				.contains("img-src 'self' data: https://cdn.haiphong.gov.vn;")
				.contains("style-src 'self';");
			assertThat(page.getContentAsString()).contains("/realms/haiphong/branding.css")
				.contains("/realms/haiphong/branding/logo")
				.doesNotContain("style=");
		}
	}

	@Test
	void signInWithoutCsrfTokenIsRefused() throws Exception {
		try (Browser browser = new Browser()) {
			HtmlPage login = loginPage(browser);
			String tx = login.getForms().get(0).getInputByName("tx").getValue();
			Page refused = browser.post(this.server.issuer() + "/login",
					"tx=" + tx + "&identifier=a%40b.vn&password=whatever-long");
			assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
			assertThat(refused.getWebResponse().getContentAsString()).contains("error-reference")
				.doesNotContain("Exception");
		}
	}

	@Test
	void expiredSignInShowsAPageThatSaysWhatToDo() throws Exception {
		try (Browser browser = new Browser()) {
			Page page = browser.open(this.server.issuer() + "/login?tx=no-such-transaction&lang=en");
			assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
			String html = page.getWebResponse().getContentAsString();
			assertThat(html).contains("The sign-in has expired").contains("start signing in again")
				.contains("error-reference")
				.doesNotContain("at org.")
				.doesNotContain("Exception");
		}
	}

	@Test
	void noPasswordSecretOrTokenReachesTheLog(CapturedOutput output) throws Exception {
		String email = unique() + "@example.vn";
		String password = "bí mật tuyệt đối " + unique();
		assertThat(register(email, password)).isEqualTo("registered");
		signIn(email, password + "-sai");
		signIn(email, password);
		assertThat(output.getAll()).doesNotContain(password).doesNotContain(HpidServer.APP_A_SECRET)
			.doesNotContain(HpidServer.SERVICE_SECRET);
	}

	@Test
	void loginHintFillsInTheIdentifier() throws Exception {
		try (Browser browser = new Browser()) {
			Page page = browser.open(URI.create(authorizeRequest() + "&login_hint=an%40example.vn"));
			HtmlPage login = (HtmlPage) browser.open(page.getWebResponse().getResponseHeaderValue("Location"));
			assertThat(login.getForms().get(0).getInputByName("identifier").getValue()).isEqualTo("an@example.vn");
		}
	}

	@Test
	void realmsAreSeparateAndRegistrationCanBeOff() throws Exception {
		String email = unique() + "@example.vn";
		assertThat(register(email, PASSWORD)).isEqualTo("registered");
		try (Browser browser = new Browser()) {
			Browser.signIn(loginPage(browser), email, PASSWORD);
			// Signed in to haiphong; staff does not know this session, nor this person.
			URI staff = new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid"),
					new ClientID("app-a"), URI.create("http://localhost/staff-app/callback"))
				.endpointURI(URI.create(this.server.base() + "/realms/staff/protocol/openid-connect/auth"))
				.state(new State())
				.codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256)
				.build()
				.toURI();
			Page page = browser.open(staff);
			String location = page.getWebResponse().getResponseHeaderValue("Location");
			assertThat(location).contains("/realms/staff/login");
			HtmlPage login = (HtmlPage) browser.open(location);
			assertThat(login.getAnchors()).noneMatch((a) -> a.getHrefAttribute().contains("/register"));
			String tx = login.getForms().get(0).getInputByName("tx").getValue();
			assertThat(browser.open(this.server.base() + "/realms/staff/register?tx=" + tx).getWebResponse()
				.getStatusCode()).isEqualTo(404);
			assertThat(Browser.signIn(login, email, PASSWORD).getWebResponse().getStatusCode()).isEqualTo(401);
		}
	}

	@Test
	void logoutWithoutIdTokenHintAsksForConfirmation() throws Exception {
		String email = unique() + "@example.vn";
		assertThat(register(email, PASSWORD)).isEqualTo("registered");
		try (Browser browser = new Browser()) {
			Browser.signIn(loginPage(browser), email, PASSWORD);
			Page first = browser.open(this.server.issuer() + "/protocol/openid-connect/logout");
			String confirmUrl = first.getWebResponse().getResponseHeaderValue("Location");
			assertThat(confirmUrl).contains("/realms/haiphong/logout-confirm");
			HtmlPage confirm = (HtmlPage) browser.open(confirmUrl);
			Page done = confirm.getForms().get(0).getOneHtmlElementByAttribute("button", "type", "submit").click();
			assertThat(done.getWebResponse().getResponseHeaderValue("Location")).endsWith("/realms/haiphong/logged-out");
			// Signed out: the next authorization asks for a password.
			Page again = browser.open(authorizeRequest());
			assertThat(again.getWebResponse().getResponseHeaderValue("Location")).contains("/realms/haiphong/login");
		}
	}

	@Test
	void auditEventsAreAlsoPublishedToTheRedisStream() throws Exception {
		String email = unique() + "@example.vn";
		assertThat(register(email, PASSWORD)).isEqualTo("registered");
		signIn(email, PASSWORD);
		try (redis.clients.jedis.JedisPooled redis = new redis.clients.jedis.JedisPooled("127.0.0.1", 6379)) {
			long deadline = System.currentTimeMillis() + 5000;
			List<redis.clients.jedis.resps.StreamEntry> entries = List.of();
			while (System.currentTimeMillis() < deadline && entries.isEmpty()) {
				entries = redis.xrange(this.auditStream, (redis.clients.jedis.StreamEntryID) null, null, 100);
				Thread.sleep(100);
			}
			assertThat(entries).anySatisfy((entry) -> {
				assertThat(entry.getFields()).containsEntry("type", "LOGIN").containsEntry("outcome", "SUCCESS");
				assertThat(entry.getFields()).containsEntry("detail.method", "pwd");
			});
			redis.del(this.auditStream);
		}
	}

	// ----- helpers -----

	URI authorizeRequest() {
		return new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid"), new ClientID("app-a"),
				URI.create("http://localhost/app-a/callback"))
			.endpointURI(this.op.getAuthorizationEndpointURI())
			.state(new State())
			.nonce(new Nonce())
			.codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256)
			.build()
			.toURI();
	}

	HtmlPage loginPage(Browser browser) throws Exception {
		Page page = browser.open(authorizeRequest());
		return (HtmlPage) browser.open(page.getWebResponse().getResponseHeaderValue("Location"));
	}

	/** Registers; returns "registered" or the text of the page's error box. */
	String register(String identifier, String password) throws Exception {
		try (Browser browser = new Browser()) {
			HtmlPage login = loginPage(browser);
			HtmlPage form = login.getAnchorByHref(login.getAnchors().stream()
				.filter((a) -> a.getHrefAttribute().contains("/register"))
				.findFirst()
				.orElseThrow()
				.getHrefAttribute()).click();
			HtmlForm registration = form.getForms().get(0);
			registration.getInputByName("name").setValue("Phạm Văn Thử");
			registration.getInputByName("identifier").setValue(identifier);
			registration.getInputByName("password").setValue(password);
			registration.getInputByName("confirm").setValue(password);
			Page result = registration.getOneHtmlElementByAttribute("button", "type", "submit").click();
			if (result.getWebResponse().getStatusCode() == 302) {
				return "registered";
			}
			return errorText(result.getWebResponse());
		}
	}

	WebResponse signIn(String identifier, String password) throws Exception {
		try (Browser browser = new Browser()) {
			return Browser.signIn(loginPage(browser), identifier, password).getWebResponse();
		}
	}

	long timed(String identifier) throws Exception {
		try (Browser browser = new Browser()) {
			HtmlPage login = loginPage(browser);
			long start = System.nanoTime();
			Browser.signIn(login, identifier, "sai mật khẩu rồi nhé");
			return System.nanoTime() - start;
		}
	}

	static double median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return (sorted.get(sorted.size() / 2) + sorted.get((sorted.size() - 1) / 2)) / 2.0;
	}

	static String errorText(Page page) {
		return errorText(page.getWebResponse());
	}

	static String errorText(WebResponse response) {
		String html = response.getContentAsString();
		int start = html.indexOf("role=\"alert\"");
		return start < 0 ? html : html.substring(start, Math.min(html.length(), html.indexOf("</div>", start)));
	}

	static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
