package vn.haiphong.hpid.tests;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A single-page app served from another origin than hpid ({@link BrowserApp}) signs a
 * person in with the code flow and PKCE in a real Chromium, and uses {@code fetch} for
 * discovery, the keys, the code exchange and userinfo, as browser OIDC libraries do: it
 * works from the origin its client registered, and Chromium's CORS check stops it from
 * any other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserAppChromiumTest {

	HpidServer server;

	PhoneChromium browser;

	WebDriver chromium;

	@BeforeAll
	void start() throws Exception {
		assertThat(PhoneChromium.BINARY).as("Chromium is installed by bin/ensure-chromium").exists();
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
	void anAppOnItsRegisteredOriginSignsInWithFetchAndAnUnregisteredOriginIsBlocked() throws Exception {
		String email = "spa-" + System.nanoTime() + "@example.vn";
		openApp(BrowserApp.registeredOrigin());
		// The app sent the browser to hpid's sign-in page: a navigation, no CORS involved.
		new WebDriverWait(this.chromium, Duration.ofSeconds(15))
			.until((driver) -> driver.getCurrentUrl().startsWith(this.server.base()));
		this.chromium.findElement(By.cssSelector("a[href*='/register']")).click();
		this.chromium.findElement(By.id("name")).sendKeys("Lê Văn Một Trang");
		this.chromium.findElement(By.id("identifier")).sendKeys(email);
		this.chromium.findElement(By.id("password")).sendKeys("gió mùa đông bắc về Hải Phòng");
		this.chromium.findElement(By.id("confirm")).sendKeys("gió mùa đông bắc về Hải Phòng");
		this.chromium.findElement(By.cssSelector("button[type=submit]")).click();

		assertThat(status()).as(result()).isEqualTo("signed-in");
		Map<String, Object> result = JSONObjectUtils.parse(result());
		assertThat(result).containsEntry("email", email)
			.containsEntry("tokenType", "Bearer")
			.containsEntry("replayError", "invalid_grant")
			.containsEntry("userinfoStatus", 401L);
		assertThat((String) result.get("wwwAuthenticate")).startsWith("Bearer").contains("invalid_token");
		assertThat(corsErrors()).isEmpty();

		// The same page from an origin no client registered: the person is signed in at hpid
		// and the code comes back, but Chromium refuses the page the token response.
		String unregistered = BrowserApp.unregisteredOrigin();
		openApp(unregistered);
		assertThat(status()).as(result()).isEqualTo("token-blocked");
		assertThat(result()).contains("TypeError");
		assertThat(corsErrors()).anyMatch((message) -> message.contains(unregistered)
				&& message.contains("/protocol/openid-connect/token"));
	}

	void openApp(String origin) throws Exception {
		this.chromium.get(BrowserApp.page(origin) + "#issuer=" + this.server.issuer());
	}

	/** What the page reports once it has finished (the flow takes a few round trips). */
	String status() {
		new WebDriverWait(this.chromium, Duration.ofSeconds(20)).until((driver) -> {
			if (!driver.getCurrentUrl().contains("/spa.html?")) {
				return false;
			}
			String status = driver.findElement(By.id("status")).getText();
			return !status.equals("starting");
		});
		return this.chromium.findElement(By.id("status")).getText();
	}

	String result() {
		return this.chromium.findElement(By.id("result")).getText();
	}

	List<String> corsErrors() {
		return this.chromium.manage().logs().get(LogType.BROWSER).getAll().stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("CORS policy"))
			.toList();
	}

}
