package vn.haiphong.hpid.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.List;

import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in pages in a real Chromium (Debian's chromium and chromium-driver, installed
 * by bin/test), on a phone-sized screen: they work, obey their own Content-Security-Policy,
 * can be used with the keyboard alone, and switch language.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChromiumPagesTest {

	HpidServer server;

	WebDriver chromium;

	PhoneChromium browser;

	@BeforeAll
	void start() throws Exception {
		assertThat(PhoneChromium.BINARY).as("Chromium is installed by bin/ensure-chromium").exists();
		assertThat(PhoneChromium.DRIVER).as("ChromeDriver is installed by bin/ensure-chromium").exists();
		this.server = HpidServer.start(HpidServer.Database.H2);
	}

	@AfterAll
	void stop() {
		this.server.close();
	}

	@BeforeEach
	void openChromium() throws Exception {
		this.browser = PhoneChromium.open(Map.of());
		this.chromium = this.browser.driver;
	}

	@AfterEach
	void closeChromium() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void aPersonRegistersAndSignsInWithChromiumOnAPhoneSizedScreen() throws Exception {
		String email = "chromium-" + System.nanoTime() + "@example.vn";
		String password = "mưa phùn tháng hai ở Hải Phòng";
		this.chromium.get(authorizeRequest());
		this.chromium.findElement(By.cssSelector("a[href*='/register']")).click();
		this.chromium.findElement(By.id("name")).sendKeys("Vũ Thị Trình Duyệt");
		this.chromium.findElement(By.id("identifier")).sendKeys(email);
		this.chromium.findElement(By.id("password")).sendKeys(password);
		this.chromium.findElement(By.id("confirm")).sendKeys(password);
		this.chromium.findElement(By.cssSelector("button[type=submit]")).click();
		String callback = awaitCallback();
		assertThat(AuthorizationResponse.parse(new java.net.URI(callback)).indicatesSuccess()).isTrue();

		// Sign out of the browser's session is not needed: a new profile starts clean.
		closeChromium();
		openChromium();
		this.chromium.get(authorizeRequest());
		assertNoHorizontalScroll();
		screenshot("sign-in-phone.png");
		this.chromium.findElement(By.id("identifier")).sendKeys(email);
		this.chromium.findElement(By.id("password")).sendKeys(password, Keys.ENTER);
		callback = awaitCallback();
		assertThat(callback).contains("code=").contains("iss=");
		assertThat(cspViolations()).isEmpty();
	}

	@Test
	void theSignInFormWorksWithTheKeyboardAlone() {
		this.chromium.get(authorizeRequest());
		assertThat(activeId()).as("the identifier has the focus when the page opens").isEqualTo("identifier");
		this.chromium.switchTo().activeElement().sendKeys(Keys.TAB);
		assertThat(activeId()).isEqualTo("password");
		this.chromium.switchTo().activeElement().sendKeys(Keys.TAB);
		WebElement button = this.chromium.switchTo().activeElement();
		assertThat(button.getTagName()).isEqualTo("button");
		assertThat(button.getText()).isEqualTo("Đăng nhập");
		for (WebElement input : this.chromium.findElements(By.cssSelector("input:not([type=hidden])"))) {
			String id = input.getAttribute("id");
			assertThat(this.chromium.findElements(By.cssSelector("label[for='" + id + "']")))
				.as("input %s has a label", id)
				.hasSize(1);
		}
	}

	@Test
	void theLanguageSwitchTurnsThePageIntoEnglishAndRemembersIt() {
		this.chromium.get(authorizeRequest());
		assertThat(this.chromium.findElement(By.tagName("h1")).getText()).isEqualTo("Đăng nhập");
		this.chromium.findElement(By.cssSelector("a[hreflang=en]")).click();
		assertThat(this.chromium.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in");
		assertThat(this.chromium.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
		this.chromium.get(authorizeRequest());
		assertThat(this.chromium.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in");
		assertThat(cspViolations()).isEmpty();
	}

	@Test
	void theRealmsBrandingIsAppliedFromItsStylesheetWithoutACspViolation() {
		this.chromium.get(authorizeRequest());
		assertBranded("sign-in");
		this.chromium.findElement(By.cssSelector("a[href*='/register']")).click();
		assertBranded("registration");
		// An error page of the realm wears its branding too.
		this.chromium.get(this.server.issuer() + "/login?tx=no-such-sign-in");
		assertThat(this.chromium.findElement(By.id("error-reference")).getText()).isNotBlank();
		assertBranded("error");
		assertThat(cspViolations()).isEmpty();
	}

	/** The header and buttons take the realm's colours, the logo loads, and no inline style is used. */
	void assertBranded(String page) {
		assertThat(this.chromium.findElement(By.id("branding-css")).getAttribute("href")).as(page)
			.endsWith("/realms/haiphong/branding.css");
		assertThat(this.chromium.findElement(By.cssSelector("header.top")).getCssValue("background-color")).as(page)
			.isEqualTo("rgba(183, 28, 28, 1)");
		assertThat(this.chromium.findElement(By.tagName("body")).getCssValue("background-color")).as(page)
			.isEqualTo("rgba(253, 246, 236, 1)");
		Object logoWidth = ((JavascriptExecutor) this.chromium)
			.executeScript("return document.getElementById('brand-logo').naturalWidth;");
		assertThat(((Number) logoWidth).intValue()).as(page + ": the logo loaded").isPositive();
		assertThat(this.chromium.findElements(By.cssSelector("[style]"))).as(page + ": no inline style").isEmpty();
	}

	// ----- helpers -----

	String authorizeRequest() {
		return new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid"), new ClientID("app-a"),
				java.net.URI.create("http://localhost/app-a/callback"))
			.endpointURI(java.net.URI.create(this.server.issuer() + "/protocol/openid-connect/auth"))
			.state(new State())
			.nonce(new Nonce())
			.codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256)
			.build()
			.toURI()
			.toString();
	}

	/** The app's callback is not served here: Chromium shows an error page at that address. */
	String awaitCallback() {
		new WebDriverWait(this.chromium, Duration.ofSeconds(15))
			.until((driver) -> driver.getCurrentUrl().startsWith("http://localhost/app-a/callback"));
		return this.chromium.getCurrentUrl();
	}

	String activeId() {
		return this.chromium.switchTo().activeElement().getAttribute("id");
	}

	void assertNoHorizontalScroll() {
		Object overflow = ((JavascriptExecutor) this.chromium)
			.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
		assertThat(((Number) overflow).intValue()).as("no horizontal scrolling on a phone").isLessThanOrEqualTo(0);
	}

	List<String> cspViolations() {
		return this.chromium.manage().logs().get(LogType.BROWSER).getAll().stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("Content Security Policy"))
			.toList();
	}

	void screenshot(String name) throws Exception {
		Path target = Path.of("target", "screenshots");
		Files.createDirectories(target);
		Files.write(target.resolve(name), ((TakesScreenshot) this.chromium).getScreenshotAs(OutputType.BYTES));
	}

}
