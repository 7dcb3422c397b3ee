package vn.haiphong.hpid.tests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/** hpid behind a reverse proxy: the configured public URL is the issuer everywhere. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyDeploymentTest {

	HpidServer server;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	void start() throws Exception {
		this.server = HpidServer.start(HpidServer.Database.H2, "--hpid.public-base-url=https://id.haiphong.example");
	}

	@AfterAll
	void stop() {
		this.server.close();
	}

	@Test
	void discoveryAndEndpointsUseThePublicBaseUrl() throws Exception {
		String body = get("/realms/haiphong/.well-known/openid-configuration", false).body();
		assertThat(body).contains("\"issuer\":\"https://id.haiphong.example/realms/haiphong\"")
			.contains("\"token_endpoint\":\"https://id.haiphong.example/realms/haiphong/protocol/openid-connect/token\"")
			.doesNotContain("localhost");
	}

	@Test
	void httpsAtTheProxyGivesHstsAndSecureCookies() throws Exception {
		HttpResponse<String> response = get("/realms/haiphong/login?tx=unknown", true);
		assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
				(hsts) -> assertThat(hsts).contains("max-age=31536000"));
		assertThat(response.headers().allValues("Set-Cookie")).allMatch((cookie) -> cookie.contains("Secure"));
	}

	private HttpResponse<String> get(String path, boolean forwardedHttps) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.server.base() + path)).GET();
		if (forwardedHttps) {
			request.header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.7");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
