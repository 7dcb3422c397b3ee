package vn.haiphong.hpid.tests;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL database: the realm files applied by both leave every
 * client at version 1, and a client created, given a new secret or disabled through one
 * node is served accordingly by the other within its reload interval (1 s here).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientsAcrossNodesTest {

	private static final String CLIENTS = "/admin/api/realms/haiphong/clients";

	private static final String ADMIN_EMAIL = "clients-root@admin.example.vn";

	private static final String ADMIN_PASSWORD = "quản trị ứng dụng 2026";

	private static final Duration WITHIN = Duration.ofSeconds(5);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private HpidServer first;

	private HpidServer second;

	private String token;

	@BeforeAll
	void start() throws Exception {
		this.first = HpidServer.start(HpidServer.Database.POSTGRESQL,
				"--HPID_BOOTSTRAP_ADMIN_EMAIL=" + ADMIN_EMAIL,
				"--HPID_BOOTSTRAP_ADMIN_PASSWORD=" + ADMIN_PASSWORD, "--hpid.clients.reload-interval=1s");
		this.second = this.first.anotherNode();
		this.token = new AdminSignIn(this.first.base()).accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);
	}

	@AfterAll
	void stop() {
		if (this.second != null) {
			this.second.close();
		}
		this.first.close();
	}

	@Test
	void theRealmFilesAppliedByEveryNodeLeaveEveryClientAtItsFirstVersion() {
		List<Long> versions = this.first.jdbc()
			.sql("select version from oauth_client where managed_by = 'config'")
			.query(Long.class)
			.list();
		assertThat(versions).isNotEmpty().containsOnly(1L);
	}

	@Test
	void aClientChangedThroughOneNodeIsServedSoByTheOther() throws Exception {
		HttpResponse<String> created = admin("POST", CLIENTS, null, """
				{"clientId": "nightly-export", "displayName": {"vi": "Xuất dữ liệu"}, "type": "confidential",
				 "grantTypes": ["client_credentials"], "scopes": ["records.read"]}""");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String secret = this.json.readTree(created.body()).path("secret").asString();

		assertThat(eventually(this.second, "nightly-export", secret, 200)).isEqualTo(200);

		HttpResponse<String> rotated = admin("POST", CLIENTS + "/nightly-export/secret", null, null);
		String newSecret = this.json.readTree(rotated.body()).path("secret").asString();
		assertThat(tokenStatus(this.first, "nightly-export", secret)).as("old secret, same node, at once")
			.isEqualTo(401);
		assertThat(eventually(this.second, "nightly-export", secret, 401)).as("old secret, other node").isEqualTo(401);
		assertThat(tokenStatus(this.second, "nightly-export", newSecret)).isEqualTo(200);

		HttpResponse<String> disabled = admin("PUT", CLIENTS + "/nightly-export", "\"2\"", """
				{"clientId": "nightly-export", "displayName": {"vi": "Xuất dữ liệu"}, "type": "confidential",
				 "grantTypes": ["client_credentials"], "scopes": ["records.read"], "enabled": false}""");
		assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
		assertThat(eventually(this.second, "nightly-export", newSecret, 401)).as("disabled, other node")
			.isEqualTo(401);
	}

	/** The status of client_credentials requests to the node, until it is the expected one or time is up. */
	private int eventually(HpidServer node, String clientId, String secret, int expected) throws Exception {
		long deadline = System.nanoTime() + WITHIN.toNanos();
		int status;
		do {
			status = tokenStatus(node, clientId, secret);
			if (status == expected) {
				return status;
			}
			Thread.sleep(200);
		}
		while (System.nanoTime() < deadline);
		return status;
	}

	private int tokenStatus(HpidServer node, String clientId, String secret) throws Exception {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return this.http.send(HttpRequest.newBuilder(node.uri("/realms/haiphong/protocol/openid-connect/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=records.read"))
			.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	private HttpResponse<String> admin(String method, String path, String ifMatch, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.first.uri(path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(body));
		if (ifMatch != null) {
			request.header("If-Match", ifMatch);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
