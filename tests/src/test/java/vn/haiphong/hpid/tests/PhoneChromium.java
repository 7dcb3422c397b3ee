package vn.haiphong.hpid.tests;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium, driven by ChromeDriver, the size of a phone (390×844) and
 * in Vietnamese, as citizens and administrators meet hpid's pages. The browser log is
 * kept, so tests can check that no Content-Security-Policy violation happened. The
 * flags keep Chromium off the network it would otherwise call at start (this machine's
 * network is closed).
 */
final class PhoneChromium implements AutoCloseable {

	static final Path BINARY = Path.of("/usr/bin/chromium");

	static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	final ChromeDriver driver;

	final Path profile;

	private PhoneChromium(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/** @param preferences Chromium preferences (downloads, for instance); may be empty */
	static PhoneChromium open(Map<String, Object> preferences) throws Exception {
		Path profile = Files.createTempDirectory("chromium-profile");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BINARY.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + profile, "--window-size=390,844", "--lang=vi");
		if (!preferences.isEmpty()) {
			options.setExperimentalOption("prefs", preferences);
		}
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().window().setSize(new Dimension(390, 844));
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
		return new PhoneChromium(driver, profile);
	}

	@Override
	public void close() {
		this.driver.quit();
		deleteTree(this.profile.toFile());
	}

	static void deleteTree(File file) {
		File[] children = file.listFiles();
		if (children != null) {
			for (File child : children) {
				deleteTree(child);
			}
		}
		file.delete();
	}

}
