package vn.haiphong.hpid.tests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API (/admin/api) as the console and scripts use it: bearer tokens of the
 * realm admin obtained by signing in (password and one-time code), roles checked at every
 * request, problem details for every refusal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiTest {

	static final String SUPER_EMAIL = "root@admin.example.vn";

	static final String SUPER_PASSWORD = "quản trị tối cao 2026";

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	final JsonMapper json = JsonMapper.builder().build();

	HpidServer server;

	AdminSignIn signIn;

	String superToken;

	@BeforeAll
	void start() throws Exception {
		this.server = HpidServer.start(HpidServer.Database.H2, "--HPID_BOOTSTRAP_ADMIN_EMAIL=" + SUPER_EMAIL,
				"--HPID_BOOTSTRAP_ADMIN_PASSWORD=" + SUPER_PASSWORD);
		this.signIn = new AdminSignIn(this.server);
		this.superToken = this.signIn.accessToken(SUPER_EMAIL, SUPER_PASSWORD);
	}

	@AfterAll
	void stop() {
		this.server.close();
	}

	@Test
	void withoutATokenTheApiAnswers401WithABearerChallengeAndAProblem() throws Exception {
		HttpResponse<String> response = get("/admin/api/me", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(value) -> assertThat(value).startsWith("Bearer"));
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(body(response).path("type").asString()).isEqualTo("https://hpid.haiphong.gov.vn/problems/unauthenticated");
	}

	@Test
	void theBootstrapAdministratorIsSuperAdmin() throws Exception {
		HttpResponse<String> response = get("/admin/api/me", this.superToken);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode me = body(response);
		assertThat(me.path("roles").get(0).path("role").asString()).isEqualTo("super-admin");
		assertThat(me.path("roles").get(0).path("realm").isNull()).isTrue();
	}

	// ----- helpers -----

	HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.server.uri(path)).timeout(Duration.ofSeconds(10));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.server.uri(path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	JsonNode body(HttpResponse<String> response) {
		return this.json.readTree(response.body());
	}

	static URI uri(String value) {
		return URI.create(value);
	}

}
