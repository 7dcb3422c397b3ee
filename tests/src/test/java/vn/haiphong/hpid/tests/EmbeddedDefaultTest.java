package vn.haiphong.hpid.tests;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import vn.haiphong.hpid.HpidApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code bin/run} gives a newcomer: the embedded default profile with the shipped
 * realm, where "Đăng nhập bằng VNeID" leads to the in-process sandbox and back, signed in.
 */
class EmbeddedDefaultTest {

	@Test
	void aNewcomerSignsInWithTheVneidSandboxOnTheShippedRealm() throws Exception {
		Path data = Files.createTempDirectory("hpid-embedded");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HpidApplication.class).run(
				"--server.port=0", "--management.server.port=0", "--hpid.data-directory=" + data,
				"--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
						+ ";DB_CLOSE_DELAY=-1");
				Browser browser = new Browser()) {
			String base = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
			URI redirect = URI.create("http://localhost:8080/demo/callback");
			URI request = new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid", "profile"),
					new ClientID("demo-app"), redirect)
				.endpointURI(URI.create(base + "/realms/haiphong/protocol/openid-connect/auth"))
				.codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256)
				.build()
				.toURI();
			Page start = browser.open(request);
			assertThat(start.getWebResponse().getStatusCode()).as(start.getWebResponse().getContentAsString())
				.isEqualTo(302);
			HtmlPage login = (HtmlPage) browser.open(start.getWebResponse().getResponseHeaderValue("Location"));
			assertThat(login.getHtmlElementById("upstream-vneid").getTextContent()).isEqualTo("Đăng nhập bằng VNeID");

			Page sandbox = browser.open(base + login.getHtmlElementById("upstream-vneid").getAttribute("href"));
			String picker = sandbox.getWebResponse().getResponseHeaderValue("Location");
			assertThat(picker).startsWith("http://127.0.0.1:").contains("/oauth/authorize");
			// The sandbox lists its fictitious citizens; the newcomer clicks one.
			HtmlPage citizens = (HtmlPage) browser.open(picker);
			Page page = citizens.getAnchors().stream()
				.filter((a) -> a.getTextContent().contains("Nguyễn Văn Hải"))
				.findFirst()
				.orElseThrow()
				.click();
			for (int step = 0; step < 5; step++) {
				String location = page.getWebResponse().getResponseHeaderValue("Location");
				assertThat(location).as(page.getWebResponse().getContentAsString()).isNotNull();
				if (location.startsWith(redirect.toString())) {
					assertThat(location).contains("code=");
					return;
				}
				page = browser.open(location);
			}
			throw new AssertionError("the VNeID sign-in did not return to the demo app");
		}
	}

	@Test
	void theDemoAdministratorSignsInWithPasswordAndOneTimeCodeAndIsSuperAdmin() throws Exception {
		Path data = Files.createTempDirectory("hpid-embedded");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HpidApplication.class).run(
				"--server.port=0", "--management.server.port=0", "--hpid.data-directory=" + data,
				"--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
						+ ";DB_CLOSE_DELAY=-1")) {
			String base = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
			String token = new AdminSignIn(base).accessToken("admin@haiphong.gov.vn", "Quan-Tri-Do-Son-2026");
			java.net.http.HttpResponse<String> me = java.net.http.HttpClient.newHttpClient().send(
					java.net.http.HttpRequest.newBuilder(URI.create(base + "/admin/api/me"))
						.header("Authorization", "Bearer " + token)
						.build(),
					java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(me.statusCode()).isEqualTo(200);
			assertThat(me.body()).contains("\"role\":\"super-admin\"");
		}
	}

}
