package vn.haiphong.hpid.tests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import vn.haiphong.hpid.admin.AdminPrincipal.Assignment;
import vn.haiphong.hpid.admin.AdminRole;
import vn.haiphong.hpid.admin.AdminRoles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance test of the admin console, in a real headless Chromium on a phone-sized
 * screen: the bootstrap administrator signs in through the realm {@code admin} with a
 * password and a one-time code (enrolled at this first sign-in), creates a client and
 * rotates its secret, finds a citizen (signed in with VNeID, so with a verified personal
 * ID number) by that number, signs them out everywhere, and reads all of it back in the
 * audit trail; then switches to English. The page never breaks its own policy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminConsoleTest {

	static final String ADMIN_EMAIL = "quan-tri@haiphong.gov.vn";

	static final String ADMIN_PASSWORD = "Bến cảng Hải Phòng lộng gió 2026";

	static final String HAI = VneidSignInTest.HAI;

	final HttpClient http = HttpClient.newHttpClient();

	/** The client secrets the console showed, which nothing else may show. */
	final List<String> secretsShown = new java.util.ArrayList<>();

	/** Every policy violation the browser reported: its log is drained at each read. */
	final List<String> violations = new java.util.ArrayList<>();

	HpidServer server;

	WebDriver chromium;

	PhoneChromium browser;

	Path downloads;

	@BeforeAll
	void start() throws Exception {
		assertThat(PhoneChromium.BINARY).as("Chromium is installed by bin/ensure-chromium").exists();
		assertThat(PhoneChromium.DRIVER).as("ChromeDriver is installed by bin/ensure-chromium").exists();
		this.server = HpidServer.start(HpidServer.Database.H2, "--hpid.vneid-sandbox=true",
				"--HPID_BOOTSTRAP_ADMIN_EMAIL=" + ADMIN_EMAIL, "--HPID_BOOTSTRAP_ADMIN_PASSWORD=" + ADMIN_PASSWORD);
		this.downloads = Files.createTempDirectory("chromium-downloads");
		this.browser = PhoneChromium.open(java.util.Map.of("download.default_directory", this.downloads.toString(),
				"download.prompt_for_download", false));
		this.chromium = this.browser.driver;
	}

	@AfterAll
	void stop() {
		if (this.browser != null) {
			this.browser.close();
		}
		if (this.downloads != null) {
			PhoneChromium.deleteTree(this.downloads.toFile());
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void anAdministratorManagesClientsAndHelpsACitizenAndReadsItAllInTheAuditTrail() throws Exception {
		try {
			administratorsDay();
		}
		catch (Throwable failure) {
			// What the browser showed, for whoever reads the failure.
			screenshot("admin-console-failure.png");
			failure.addSuppressed(new AssertionError("The page at " + this.chromium.getCurrentUrl() + " showed:\n"
					+ this.chromium.findElement(By.tagName("body")).getText() + "\nBrowser log:\n"
					+ String.join("\n", this.chromium.manage().logs().get(LogType.BROWSER).getAll().stream()
						.map(LogEntry::getMessage).toList())));
			throw failure;
		}
	}

	void administratorsDay() throws Exception {
		RefreshToken citizensRefreshToken = citizenSignsInWithVneid(HAI);
		signsInWithPasswordAndOneTimeCode();
		String clientId = createsAClientAndRotatesItsSecret();
		createsAHelpdeskAdministrator();
		findsTheCitizenAndSignsThemOutEverywhere(citizensRefreshToken);
		readsItAllInTheAuditTrail(clientId);
		signsInAgainWhenTheTokenIsRefused();
		aHelpdeskSeesOnlyWhatItMayUse(clientId);
		switchesToEnglishAndSignsOut();
	}

	void signsInWithPasswordAndOneTimeCode() throws Exception {
		// Sign-in: password, then the one-time code enrolled on the spot.
		this.chromium.get(this.server.base() + "/admin/console/");
		assertThat(text(By.cssSelector("#signin h1"))).isEqualTo("Đăng nhập bảng quản trị");
		assertThat(this.chromium.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("vi");
		click(By.id("sign-in"));
		await(By.id("identifier")).sendKeys(ADMIN_EMAIL);
		this.chromium.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
		this.chromium.findElement(By.cssSelector("button[type=submit]")).click();
		String secret = await(By.id("otp-secret")).getText().replace(" ", "");
		this.chromium.findElement(By.id("code")).sendKeys(SecondFactorTest.code(secret, 0));
		this.chromium.findElement(By.cssSelector("button[type=submit]")).click();
		await(By.id("realm-list"));
		assertThat(this.chromium.getCurrentUrl()).as("the code is gone from the address bar")
			.doesNotContain("code=").doesNotContain("state=");
		assertThat(text(By.id("who"))).isNotBlank();
		assertThat(sessionStorage("hpid.console.tokens")).contains("\"access\"");

		// The keyboard goes through the page in reading order, and the skip link skips the navigation.
		((JavascriptExecutor) this.chromium).executeScript("document.getElementById('skip-link').focus();");
		List<String> order = new java.util.ArrayList<>(List.of(activeId()));
		for (int i = 0; i < 4; i++) {
			this.chromium.switchTo().activeElement().sendKeys(Keys.TAB);
			order.add(activeId());
		}
		assertThat(order).containsExactly("skip-link", "lang-switch", "sign-out", "realm-select", "nav-realms");
		((JavascriptExecutor) this.chromium).executeScript("document.getElementById('skip-link').focus();");
		this.chromium.switchTo().activeElement().sendKeys(Keys.ENTER);
		assertThat(activeId()).isEqualTo("main");
		assertThat(this.chromium.findElements(By.id("realm-list"))).as("still on the same view").hasSize(1);
		assertThat(((JavascriptExecutor) this.chromium).executeScript("return window.localStorage.length === 0 "
				+ "|| Object.keys(window.localStorage).every(k => k === 'hpid.console.lang')")).isEqualTo(true);
	}

	String createsAClientAndRotatesItsSecret() throws Exception {
		// A client: created, its secret shown once and working, then rotated.
		String clientId = "cong-thu-nghiem-" + Long.toString(System.nanoTime(), 36);
		go("#/realms/haiphong/clients");
		click(By.id("new-client"));
		await(By.id("client-form"));
		assertThat(((JavascriptExecutor) this.chromium).executeScript("return document.activeElement.tagName;"))
			.as("a new view puts the focus on its heading").isEqualTo("H1");
		for (WebElement control : this.chromium.findElements(By.cssSelector("input, select, textarea"))) {
			String id = control.getAttribute("id");
			assertThat(this.chromium.findElements(By.cssSelector("label[for='" + id + "']"))).as("%s has a label", id)
				.hasSize(1);
		}
		field("clientId").sendKeys(clientId);
		field("displayName.vi").sendKeys("Cổng thử nghiệm");
		field("displayName.en").sendKeys("Test gateway");
		field("redirectUris").sendKeys("không phải địa chỉ");
		field("webOrigins").sendKeys("https://thu-nghiem.haiphong.gov.vn/");
		this.chromium.findElement(By.id("grant-client_credentials")).click();
		click(By.id("save-client"));
		// The API's field error lands next to its field, the problem's title above the form.
		waiting().until(ExpectedConditions.attributeToBe(field("redirectUris"), "aria-invalid", "true"));
		WebElement redirectError = this.chromium.findElement(By.id(field("redirectUris").getAttribute("id") + "-error"));
		assertThat(redirectError.getText()).isNotBlank();
		assertThat(field("webOrigins").getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(text(By.id(field("webOrigins").getAttribute("id") + "-error")))
			.isEqualTo("must not end with /: an origin has no path");
		assertThat(text(By.cssSelector("#client-form .problem"))).contains("(400)");
		field("redirectUris").clear();
		field("redirectUris").sendKeys("https://thu-nghiem.haiphong.gov.vn/callback");
		field("webOrigins").clear();
		field("webOrigins").sendKeys("HTTPS://Thu-Nghiem.HaiPhong.gov.vn");
		click(By.id("save-client"));
		String firstSecret = await(By.id("client-secret")).getText();
		assertThat(firstSecret).isNotBlank();
		assertThat(text(By.cssSelector("#secret-panel .warning"))).contains("một lần");
		assertThat(this.chromium.findElement(By.id("copy-secret")).isDisplayed()).isTrue();
		assertThat(clientCredentials(clientId, firstSecret).indicatesSuccess()).as("the new secret works").isTrue();
		screenshot("admin-console-secret.png");

		click(By.id("rotate-secret"));
		click(By.id("dialog-confirm"));
		waiting().until((driver) -> {
			List<WebElement> shown = driver.findElements(By.id("client-secret"));
			return !shown.isEmpty() && !shown.get(0).getText().equals(firstSecret);
		});
		String secondSecret = text(By.id("client-secret"));
		this.secretsShown.addAll(List.of(firstSecret, secondSecret));
		assertThat(clientCredentials(clientId, firstSecret).indicatesSuccess()).as("the old secret stops working")
			.isFalse();
		assertThat(clientCredentials(clientId, secondSecret).indicatesSuccess()).isTrue();

		// Someone else saves the client meanwhile: the console's save is refused, nothing lost, and it says so.
		String path = "/admin/api/realms/haiphong/clients/" + clientId;
		HttpResponse<String> current = adminApi("GET", path, null, null);
		assertThat(current.body()).as("the web origin is stored as browsers send it")
			.contains("\"webOrigins\":[\"https://thu-nghiem.haiphong.gov.vn\"]");
		// Through the API, a setting the console's form does not show.
		Map<String, Object> changed = JSONObjectUtils.parse(current.body().replace("Cổng thử nghiệm", "Cổng đổi tên"));
		changed.put("requireConsent", true);
		assertThat(adminApi("PUT", path, JSONObjectUtils.toJSONString(changed),
				current.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(200);
		field("displayName.vi").clear();
		field("displayName.vi").sendKeys("Tên của tôi");
		click(By.id("save-client"));
		await(By.id("reload-client"));
		assertThat(text(By.cssSelector("#client-form .problem"))).contains("(412)");
		click(By.id("reload-client"));
		waiting().until((driver) -> field("displayName.vi").getAttribute("value").equals("Cổng đổi tên"));
		// A save from the console keeps what its form does not show.
		field("displayName.vi").clear();
		field("displayName.vi").sendKeys("Cổng lần cuối");
		click(By.id("save-client"));
		waiting().until((driver) -> {
			try {
				return adminApi("GET", path, null, null).body().contains("Cổng lần cuối");
			}
			catch (Exception ex) {
				return false;
			}
		});
		assertThat(JSONObjectUtils.parse(adminApi("GET", path, null, null).body()).get("requireConsent"))
			.as("not reset by a form without the field").isEqualTo(true);
		return clientId;
	}

	void createsAHelpdeskAdministrator() throws Exception {
		click(By.id("nav-administrators"));
		await(By.id("administrator-form"));
		assertThat(text(By.id("administrator-list"))).contains(ADMIN_EMAIL).contains("Quản trị cao nhất");
		field("email").sendKeys("tro-giup@haiphong.gov.vn");
		field("displayName").sendKeys("Tổ hỗ trợ");
		field("password").sendKeys("ngắn");
		new Select(this.chromium.findElement(By.cssSelector("#roles-editor select.role"))).selectByValue("helpdesk");
		new Select(this.chromium.findElement(By.cssSelector("#roles-editor select.role-realm"))).selectByValue("haiphong");
		click(By.id("create-administrator"));
		waiting().until(ExpectedConditions.attributeToBe(field("password"), "aria-invalid", "true"));
		field("password").clear();
		field("password").sendKeys("Hỗ trợ người dân Hải Phòng 2026");
		click(By.id("create-administrator"));
		waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("administrator-list"),
				"tro-giup@haiphong.gov.vn"));
		assertThat(text(By.id("administrator-list"))).contains("Hỗ trợ người dùng (haiphong)");
	}

	void findsTheCitizenAndSignsThemOutEverywhere(RefreshToken citizensRefreshToken) throws Exception {
		// An imported account whose legacy record claimed the citizen's number: found by it too, marked unverified.
		String claimant = this.server.bean(vn.haiphong.hpid.person.PersonStore.class)
			.create("haiphong", java.util.Optional.of("hai.cu@example.vn"), java.util.Optional.empty(),
					java.util.Optional.of("Hải (hệ thống cũ)"), "$argon2id$unused")
			.id();
		this.server.jdbc()
			.sql("insert into unverified_personal_id (realm, person_id, personal_id, source, recorded_at) "
					+ "values ('haiphong', ?, ?, 'import', current_timestamp)")
			.params(claimant, HAI)
			.update();
		// The citizen: found by personal ID number, signed out everywhere.
		go("#/realms/haiphong/people");
		new Select(await(By.id("people-by"))).selectByValue("nationalId");
		this.chromium.findElement(By.id("people-term")).sendKeys(HAI);
		click(By.id("people-search-button"));
		WebElement found = await(By.cssSelector("#people-results a"));
		assertThat(text(By.id("people-results"))).contains("Nguyễn Văn Hải").contains(HAI)
			.contains("Hải (hệ thống cũ)").contains("chưa xác thực");
		found.click();
		await(By.id("session-list"));
		assertThat(text(By.id("person-legacy-claimants"))).isEqualTo(claimant);
		click(By.id("person-sign-out"));
		click(By.id("dialog-confirm"));
		waiting().until(ExpectedConditions.textMatches(By.cssSelector("#notice p"),
				java.util.regex.Pattern.compile("^Đã đăng xuất người dùng khỏi mọi phiên\\..*")));
		TokenResponse refused = refresh(citizensRefreshToken);
		assertThat(refused.indicatesSuccess()).as("the citizen's refresh token is refused").isFalse();
		assertThat(((TokenErrorResponse) refused).getErrorObject().getCode()).isEqualTo("invalid_grant");
	}

	void readsItAllInTheAuditTrail(String clientId) throws Exception {
		// The audit trail shows the sign-out, with the person, and the client's creation and rotation.
		click(By.id("person-audit"));
		await(By.id("audit-list"));
		String personTrail = text(By.id("audit-list"));
		assertThat(personTrail).containsPattern("(?i)sign.?out");
		go("#/realms/haiphong/audit?client=" + clientId);
		await(By.id("audit-list"));
		String clientTrail = text(By.id("audit-list"));
		assertThat(clientTrail).containsPattern("(?i)creat").containsPattern("(?i)secret|rotat");
		assertThat(clientTrail).as("secrets are never in the trail").doesNotContain(this.secretsShown);

		// The export: the same selection as JSON lines, one event per line.
		click(By.id("audit-export"));
		Path exported = this.downloads.resolve("audit-haiphong.jsonl");
		waiting().until((driver) -> Files.exists(exported));
		List<String> lines = Files.readAllLines(exported);
		assertThat(lines).isNotEmpty();
		for (String line : lines) {
			assertThat(JSONObjectUtils.parse(line).get("client")).isEqualTo(clientId);
		}
		assertThat(String.join("\n", lines)).contains("ADMIN_CLIENT_CREATE").contains("ADMIN_CLIENT_SECRET_ROTATE");
		assertNoHorizontalScroll();
		((JavascriptExecutor) this.chromium).executeScript("document.getElementById('audit-results').scrollIntoView();");
		screenshot("admin-console-audit.png");
	}

	/**
	 * An access token the API refuses (expired, revoked) sends the console through the
	 * sign-in again; the admin realm's session makes it quiet, back to the same view.
	 */
	void signsInAgainWhenTheTokenIsRefused() throws Exception {
		((JavascriptExecutor) this.chromium).executeScript(
				"sessionStorage.setItem('hpid.console.tokens', JSON.stringify({access: 'no-longer-valid'}));");
		go("#/realms/haiphong/keys");
		await(By.id("key-list"));
		assertThat(this.chromium.getCurrentUrl()).endsWith("/admin/console/#/realms/haiphong/keys");
		assertThat(sessionStorage("hpid.console.tokens")).doesNotContain("no-longer-valid");
	}

	/**
	 * The same administrator made helpdesk of haiphong only (roles are read at every
	 * request): the console hides what a helpdesk may not use, masks the number, and the
	 * API still refuses what the console does not show.
	 */
	void aHelpdeskSeesOnlyWhatItMayUse(String clientId) throws Exception {
		String admin = JSONObjectUtils.parse(adminApi("GET", "/admin/api/me", null, null).body()).get("subject").toString();
		AdminRoles roles = this.server.bean(AdminRoles.class);
		roles.replace(admin, List.of(new Assignment(AdminRole.HELPDESK.value(), "haiphong")), admin);
		try {
			go("#/realms/haiphong/people?nationalId=" + HAI);
			this.chromium.navigate().refresh();
			await(By.cssSelector("#people-results a")).click();
			await(By.id("person-actions"));
			assertThat(this.chromium.findElements(By.cssSelector("#nav-links a")).stream().map((a) -> a.getAttribute("id")))
				.containsExactly("nav-realms", "nav-haiphong", "nav-people");
			assertThat(this.chromium.findElements(By.id("person-sign-out"))).hasSize(1);
			assertThat(this.chromium.findElements(By.id("person-disable"))).isEmpty();
			assertThat(this.chromium.findElements(By.cssSelector("[id^='unlink-']"))).isEmpty();
			assertThat(this.chromium.findElements(By.id("person-audit"))).isEmpty();
			assertThat(text(By.id("view"))).doesNotContain(HAI).contains("(đã che)");
			go("#/realms/haiphong/clients");
			assertThat(text(By.cssSelector("#view .problem"))).contains("(403)");
		}
		finally {
			roles.replace(admin, List.of(new Assignment(AdminRole.SUPER_ADMIN.value(), null)), admin);
		}
		go("#/realms/haiphong/audit?client=" + clientId);
		this.chromium.navigate().refresh();
		await(By.id("audit-list"));
	}

	void switchesToEnglishAndSignsOut() throws Exception {
		// English, everywhere, and remembered.
		click(By.id("lang-switch"));
		assertThat(this.chromium.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
		waiting().until(ExpectedConditions.textToBe(By.cssSelector("#view h1"), "Audit trail"));
		assertThat(text(By.id("nav-people"))).isEqualTo("People");
		assertThat(text(By.id("lang-switch"))).isEqualTo("Tiếng Việt");
		this.chromium.navigate().refresh();
		waiting().until(ExpectedConditions.textToBe(By.cssSelector("#view h1"), "Audit trail"));
		screenshot("admin-console-english.png");

		// Sign-out ends the admin realm's session and comes back to the console.
		click(By.id("sign-out"));
		waiting().until(ExpectedConditions.textToBe(By.cssSelector("#signin h1"), "Sign in to the admin console"));
		assertThat(sessionStorage("hpid.console.tokens")).isNull();
		assertThat(cspViolations()).as("no Content-Security-Policy violations").isEmpty();
	}

	@Test
	void theConsoleIsServedUnderItsOwnStrictPolicyWithoutCookies() throws Exception {
		HttpResponse<String> bare = this.http.send(HttpRequest.newBuilder(this.server.uri("/admin/console")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(bare.statusCode()).isEqualTo(302);
		assertThat(bare.headers().firstValue("Location").orElseThrow()).endsWith("/admin/console/");
		for (String path : List.of("/admin/console/", "/admin/console/js/main.js", "/admin/console/console.css")) {
			HttpResponse<String> page = this.http.send(HttpRequest.newBuilder(this.server.uri(path)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(page.statusCode()).as(path).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).as(path)
				.contains("script-src 'self'", "connect-src 'self'", "form-action 'none'", "frame-ancestors 'none'",
						"require-trusted-types-for 'script'")
				.doesNotContain("unsafe");
			assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
			assertThat(page.headers().allValues("Set-Cookie")).as("no cookie, no session").isEmpty();
		}
		String index = this.http.send(HttpRequest.newBuilder(this.server.uri("/admin/console/")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		assertThat(index).doesNotContain("<script>").doesNotContain("style=").doesNotContain("<style");
	}

	@Test
	void aCallbackWhoseStateTheConsoleDidNotSendIsRefused() {
		this.chromium.get(this.server.base() + "/admin/console/?code=stolen-code&state=forged&iss=x");
		assertThat(text(By.id("signin-error"))).contains("state");
		assertThat(this.chromium.getCurrentUrl()).doesNotContain("stolen-code");
		assertThat(sessionStorage("hpid.console.tokens")).isNull();
	}

	// ----- the citizen and the protocol checks -----

	/** Signs in at app-a with the VNeID sandbox as {@code citizen}; returns a live refresh token. */
	RefreshToken citizenSignsInWithVneid(String citizen) throws Exception {
		CodeVerifier verifier = new CodeVerifier();
		URI redirect = URI.create("http://localhost/app-a/callback");
		URI request = new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid", "profile"),
				new ClientID("app-a"), redirect)
			.endpointURI(this.server.uri("/realms/haiphong/protocol/openid-connect/auth"))
			.state(new State())
			.codeChallenge(verifier, CodeChallengeMethod.S256)
			.build()
			.toURI();
		try (Browser browser = new Browser()) {
			Page page = browser.open(request);
			for (int step = 0; step < 12; step++) {
				int status = page.getWebResponse().getStatusCode();
				if (status >= 300 && status < 400) {
					String location = page.getWebResponse().getResponseHeaderValue("Location");
					if (location.startsWith(redirect.toString())) {
						var code = AuthorizationResponse.parse(URI.create(location)).toSuccessResponse()
							.getAuthorizationCode();
						TokenResponse tokens = OIDCTokenResponseParser.parse(new TokenRequest(token(), appA(),
								new AuthorizationCodeGrant(code, redirect, verifier)).toHTTPRequest().send());
						assertThat(tokens.indicatesSuccess()).isTrue();
						RefreshToken refreshToken = ((OIDCTokenResponse) tokens.toSuccessResponse()).getOIDCTokens()
							.getRefreshToken();
						assertThat(refreshToken).as("app-a gets a refresh token").isNotNull();
						// It works before the sign-out; the refresh rotates it, so the new one is the live one.
						TokenResponse refreshed = refresh(refreshToken);
						assertThat(refreshed.indicatesSuccess()).as("refreshing works before the sign-out").isTrue();
						return ((OIDCTokenResponse) refreshed.toSuccessResponse()).getOIDCTokens().getRefreshToken();
					}
					if (location.contains("/oauth/authorize") && !location.contains("citizen=")) {
						location += "&citizen=" + citizen;
					}
					page = browser.open(location.startsWith("http") ? location : this.server.base() + location);
					continue;
				}
				if (page instanceof HtmlPage html && html.getElementById("upstream-vneid") != null) {
					page = browser.open(this.server.base() + html.getElementById("upstream-vneid").getAttribute("href"));
					continue;
				}
				throw new AssertionError("Stopped at " + page.getUrl() + ": " + page.getWebResponse().getContentAsString());
			}
			throw new AssertionError("Too many redirects");
		}
	}

	/** The admin API with the console's own token, as a second administrator would use it. */
	HttpResponse<String> adminApi(String method, String path, String json, String ifMatch) throws Exception {
		String tokens = sessionStorage("hpid.console.tokens");
		String access = JSONObjectUtils.parse(tokens).get("access").toString();
		HttpRequest.Builder request = HttpRequest.newBuilder(this.server.uri(path))
			.header("Authorization", "Bearer " + access)
			.header("Accept", "application/json")
			.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (ifMatch != null) {
			request.header("If-Match", ifMatch);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	URI token() {
		return this.server.uri("/realms/haiphong/protocol/openid-connect/token");
	}

	static ClientSecretBasic appA() {
		return new ClientSecretBasic(new ClientID("app-a"), new Secret(HpidServer.APP_A_SECRET));
	}

	TokenResponse refresh(RefreshToken refreshToken) throws Exception {
		return OIDCTokenResponseParser.parse(new TokenRequest(token(), appA(), new RefreshTokenGrant(refreshToken))
			.toHTTPRequest().send());
	}

	TokenResponse clientCredentials(String clientId, String secret) throws Exception {
		return OIDCTokenResponseParser.parse(new TokenRequest(token(),
				new ClientSecretBasic(new ClientID(clientId), new Secret(secret)), new ClientCredentialsGrant())
			.toHTTPRequest().send());
	}

	// ----- the browser -----

	/** The views re-render after each answer: an element found a moment ago may be replaced. */
	WebDriverWait waiting() {
		WebDriverWait wait = new WebDriverWait(this.chromium, Duration.ofSeconds(15));
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	WebElement await(By locator) {
		return waiting().until(ExpectedConditions.visibilityOfElementLocated(locator));
	}

	void click(By locator) {
		waiting().until(ExpectedConditions.elementToBeClickable(locator))
			.click();
	}

	String text(By locator) {
		return await(locator).getText();
	}

	WebElement field(String apiPath) {
		return this.chromium.findElement(By.cssSelector("[data-field='" + apiPath + "']"));
	}

	void go(String hash) {
		((JavascriptExecutor) this.chromium).executeScript("window.location.hash = arguments[0];", hash);
	}

	String activeId() {
		return this.chromium.switchTo().activeElement().getAttribute("id");
	}

	String sessionStorage(String key) {
		return (String) ((JavascriptExecutor) this.chromium).executeScript("return sessionStorage.getItem(arguments[0]);",
				key);
	}

	void assertNoHorizontalScroll() {
		Object overflow = ((JavascriptExecutor) this.chromium)
			.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
		assertThat(((Number) overflow).intValue()).as("no horizontal scrolling on a phone").isLessThanOrEqualTo(0);
	}

	List<String> cspViolations() {
		this.chromium.manage().logs().get(LogType.BROWSER).getAll().stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("Content Security Policy") || message.contains("TrustedHTML")
					|| message.contains("Trusted Type"))
			.forEach(this.violations::add);
		return this.violations;
	}

	void screenshot(String name) throws Exception {
		Path target = Path.of("target", "screenshots");
		Files.createDirectories(target);
		Files.write(target.resolve(name), ((TakesScreenshot) this.chromium).getScreenshotAs(OutputType.BYTES));
	}

}
