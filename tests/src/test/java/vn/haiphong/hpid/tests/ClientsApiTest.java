package vn.haiphong.hpid.tests;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import vn.haiphong.hpid.account.PasswordHasher;
import vn.haiphong.hpid.admin.AdminRole;
import vn.haiphong.hpid.admin.AdminRoles;
import vn.haiphong.hpid.person.Person;
import vn.haiphong.hpid.person.PersonStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients managed through the admin API, checked from the outside: what an administrator
 * creates is usable at the token endpoint at once, a rotated secret replaces the old one
 * at once, writes are conditional (ETag / If-Match), realm-file clients are read-only,
 * and a disabled client is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientsApiTest {

	private static final String CLIENTS = "/admin/api/realms/haiphong/clients";

	private static final String ADMIN_EMAIL = "clients-root@admin.example.vn";

	private static final String ADMIN_PASSWORD = "quản trị ứng dụng 2026";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private HpidServer server;

	private String token;

	@BeforeAll
	void start() throws Exception {
		this.server = HpidServer.start(HpidServer.Database.H2,
				"--HPID_BOOTSTRAP_ADMIN_EMAIL=" + ADMIN_EMAIL,
				"--HPID_BOOTSTRAP_ADMIN_PASSWORD=" + ADMIN_PASSWORD);
		this.token = new AdminSignIn(this.server.base()).accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);
	}

	@AfterAll
	void stop() {
		this.server.close();
	}

	@Test
	void aCreatedConfidentialClientGetsATokenWithTheSecretShownOnce() throws Exception {
		HttpResponse<String> created = send("POST", CLIENTS, null, service("records-sync"));

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).contains(CLIENTS + "/records-sync");
		assertThat(created.headers().firstValue("ETag")).contains("\"1\"");
		assertThat(created.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
		JsonNode client = body(created);
		String secret = client.path("secret").asString();
		assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
		assertThat(client.path("managedBy").asString()).isEqualTo("api");
		assertThat(client.path("enabled").asBoolean()).isTrue();

		assertThat(clientCredentials("records-sync", secret).statusCode()).isEqualTo(200);

		HttpResponse<String> read = send("GET", CLIENTS + "/records-sync", null, null);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.headers().firstValue("ETag")).contains("\"1\"");
		assertThat(read.body()).doesNotContain(secret).doesNotContain("\"secret\"");
		assertThat(send("GET", CLIENTS, null, null).body()).contains("\"records-sync\"").doesNotContain(secret);
	}

	@Test
	void aRotatedSecretReplacesTheOldOneAtOnce() throws Exception {
		String old = body(send("POST", CLIENTS, null, service("rotating"))).path("secret").asString();

		HttpResponse<String> rotated = send("POST", CLIENTS + "/rotating/secret", null, null);

		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
		assertThat(rotated.headers().firstValue("ETag")).contains("\"2\"");
		String secret = body(rotated).path("secret").asString();
		assertThat(secret).isNotEqualTo(old).hasSizeGreaterThanOrEqualTo(32);
		HttpResponse<String> refused = clientCredentials("rotating", old);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(body(refused).path("error").asString()).isEqualTo("invalid_client");
		assertThat(clientCredentials("rotating", secret).statusCode()).isEqualTo(200);

		String details = this.server.jdbc()
			.sql("select details from audit_event where type = 'ADMIN_CLIENT_SECRET_ROTATE' and client_id = ?")
			.param("rotating")
			.query(String.class)
			.single();
		assertThat(details).contains("\\\"version\\\":2").doesNotContain(secret).doesNotContain(old);
	}

	@Test
	void aStaleIfMatchIsRefusedWith412AndNothingChanges() throws Exception {
		send("POST", CLIENTS, null, service("stale"));
		String changed = service("stale").replace("records.read", "records.write");
		assertThat(send("PUT", CLIENTS + "/stale", "\"1\"", changed).statusCode()).isEqualTo(200);
		HttpResponse<String> same = send("PUT", CLIENTS + "/stale", "\"2\"", changed);
		assertThat(same.headers().firstValue("ETag")).as("an unchanged client keeps its version").contains("\"2\"");
		String afterFirstWrite = send("GET", CLIENTS + "/stale", null, null).body();

		HttpResponse<String> stale = send("PUT", CLIENTS + "/stale", "\"1\"", service("stale"));

		assertThat(stale.statusCode()).isEqualTo(412);
		assertThat(stale.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(body(stale).path("type").asString())
			.isEqualTo("https://hpid.haiphong.gov.vn/problems/precondition-failed");
		assertThat(send("GET", CLIENTS + "/stale", null, null).body()).isEqualTo(afterFirstWrite)
			.contains("records.write");
	}

	@Test
	void aWriteWithoutIfMatchIsRefusedWith428() throws Exception {
		send("POST", CLIENTS, null, service("unconditional"));

		HttpResponse<String> response = send("PUT", CLIENTS + "/unconditional", null,
				service("unconditional").replace("records.read", "records.write"));

		assertThat(response.statusCode()).isEqualTo(428);
		assertThat(body(response).path("type").asString())
			.isEqualTo("https://hpid.haiphong.gov.vn/problems/precondition-required");
		assertThat(send("GET", CLIENTS + "/unconditional", null, null).body()).doesNotContain("records.write")
			.contains("\"version\":1");
	}

	@Test
	void aClientOfTheRealmFileIsReadOnly() throws Exception {
		HttpResponse<String> read = send("GET", CLIENTS + "/app-a", null, null);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(body(read).path("managedBy").asString()).isEqualTo("config");
		String etag = read.headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> put = send("PUT", CLIENTS + "/app-a", etag, read.body());
		HttpResponse<String> rotate = send("POST", CLIENTS + "/app-a/secret", null, null);

		for (HttpResponse<String> refused : List.of(put, rotate)) {
			assertThat(refused.statusCode()).isEqualTo(409);
			assertThat(body(refused).path("type").asString())
				.isEqualTo("https://hpid.haiphong.gov.vn/problems/managed-by-configuration");
		}
		assertThat(clientCredentialsOrCode("app-a", HpidServer.APP_A_SECRET)).isNotEqualTo(401);
	}

	@Test
	void aBadRedirectUriIsAValidationProblemNamingTheField() throws Exception {
		HttpResponse<String> response = send("POST", CLIENTS, null, """
				{"clientId": "web", "displayName": {"vi": "Web"}, "type": "public",
				 "redirectUris": ["https://web.example/cb", "http://web.example/cb"]}""");

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode problem = body(response);
		assertThat(problem.path("type").asString()).isEqualTo("https://hpid.haiphong.gov.vn/problems/validation");
		assertThat(problem.path("errors")).hasSize(1);
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("redirectUris[1]");
		assertThat(problem.path("errors").get(0).path("reason").asString()).isNotBlank();
		assertThat(send("GET", CLIENTS + "/web", null, null).statusCode()).isEqualTo(404);
	}

	@Test
	void aDisabledClientIsRefusedAtTheTokenAndAuthorizationEndpoints() throws Exception {
		String secret = body(send("POST", CLIENTS, null, service("switched-off"))).path("secret").asString();
		send("POST", CLIENTS, null, """
				{"clientId": "web-off", "displayName": {"vi": "Web"}, "type": "public",
				 "redirectUris": ["https://web-off.example/cb"]}""");
		Map<String, Object> disabled = this.json.readValue(service("switched-off"), Map.class);
		disabled.put("enabled", false);

		HttpResponse<String> put = send("PUT", CLIENTS + "/switched-off", "\"1\"",
				this.json.writeValueAsString(disabled));
		send("PUT", CLIENTS + "/web-off", "\"1\"", """
				{"clientId": "web-off", "displayName": {"vi": "Web"}, "type": "public",
				 "redirectUris": ["https://web-off.example/cb"], "enabled": false}""");

		assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
		assertThat(body(put).path("enabled").asBoolean()).isFalse();
		HttpResponse<String> token = clientCredentials("switched-off", secret);
		assertThat(token.statusCode()).isEqualTo(401);
		assertThat(body(token).path("error").asString()).isEqualTo("invalid_client");
		HttpResponse<String> page = this.http.send(HttpRequest.newBuilder(this.server.uri(
				"/realms/haiphong/protocol/openid-connect/auth?client_id=web-off&response_type=code&scope=openid"
						+ "&redirect_uri=https%3A%2F%2Fweb-off.example%2Fcb&code_challenge_method=S256"
						+ "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(page.headers().firstValue("Location")).isEmpty();
		assertThat(page.body()).contains("Ứng dụng đang tạm ngừng");
	}

	@Test
	void onlyAdministratorsOfTheRealmWithClientRightsSeeOrChangeItsClients() throws Exception {
		send("POST", CLIENTS, null, service("guarded"));
		AdminSignIn signIn = new AdminSignIn(this.server.base());
		String staffAdmin = administrator(signIn, "clients-staff-admin", AdminRole.REALM_ADMIN, "staff");
		String helpdesk = administrator(signIn, "clients-helpdesk", AdminRole.HELPDESK, "haiphong");
		String auditor = administrator(signIn, "clients-auditor", AdminRole.AUDITOR, null);

		for (String token : List.of(staffAdmin, helpdesk, auditor)) {
			assertThat(send(token, "GET", CLIENTS, null, null).statusCode()).isEqualTo(403);
			assertThat(send(token, "GET", CLIENTS + "/guarded", null, null).statusCode()).isEqualTo(403);
			assertThat(send(token, "POST", CLIENTS, null, service("intruder")).statusCode()).isEqualTo(403);
			assertThat(send(token, "POST", CLIENTS + "/guarded/secret", null, null).statusCode()).isEqualTo(403);
			assertThat(send(token, "PUT", CLIENTS + "/guarded", "\"1\"", service("guarded")).statusCode())
				.isEqualTo(403);
		}
		assertThat(send(staffAdmin, "GET", "/admin/api/realms/staff/clients", null, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", CLIENTS + "/intruder", null, null).statusCode()).isEqualTo(404);
		assertThat(send("GET", CLIENTS + "/guarded", null, null).headers().firstValue("ETag")).contains("\"1\"");
	}

	// ----- helpers -----

	private String administrator(AdminSignIn signIn, String name, AdminRole role, String realm) throws Exception {
		Person person = this.server.bean(PersonStore.class).create("admin", Optional.of(name + "@admin.example.vn"),
				Optional.empty(), Optional.of(name), this.server.bean(PasswordHasher.class).hash(ADMIN_PASSWORD));
		this.server.bean(AdminRoles.class).grant(person.id(), role, realm, "test");
		return signIn.accessToken(name + "@admin.example.vn", ADMIN_PASSWORD);
	}

	private static String service(String clientId) {
		return """
				{"clientId": "%s", "displayName": {"vi": "Đồng bộ hồ sơ", "en": "Records sync"},
				 "type": "confidential", "grantTypes": ["client_credentials"], "scopes": ["records.read"]}"""
			.formatted(clientId);
	}

	private HttpResponse<String> clientCredentials(String clientId, String secret) throws Exception {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return this.http.send(HttpRequest.newBuilder(this.server.uri("/realms/haiphong/protocol/openid-connect/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=records.read"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The status of a client_credentials request: not 401 when the client authenticated. */
	private int clientCredentialsOrCode(String clientId, String secret) throws Exception {
		return clientCredentials(clientId, secret).statusCode();
	}

	private HttpResponse<String> send(String method, String path, String ifMatch, String body) throws Exception {
		return send(this.token, method, path, ifMatch, body);
	}

	private HttpResponse<String> send(String token, String method, String path, String ifMatch, String body)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.server.uri(path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(body));
		if (ifMatch != null) {
			request.header("If-Match", ifMatch);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode body(HttpResponse<String> response) {
		return this.json.readTree(response.body());
	}

}
