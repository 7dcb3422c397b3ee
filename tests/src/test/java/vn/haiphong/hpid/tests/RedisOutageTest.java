package vn.haiphong.hpid.tests;


import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis stops while hpid serves: new sign-ins get the documented 503, refresh grants go
 * on (they need only the database), nothing answers 500, and once Redis is back sign-ins
 * work again without restarting hpid.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisOutageTest extends ProtocolSuite {

	private RedisProcess redis;

	@Override
	HpidServer.Database database() {
		return HpidServer.Database.H2;
	}

	@Override
	String[] extraArgs() {
		return new String[] { "--hpid.ephemeral.type=redis",
				"--hpid.ephemeral.redis-nodes=127.0.0.1:" + this.redis.port(), "--hpid.ephemeral.redis-timeout=500ms" };
	}

	@Override
	@BeforeAll
	void start() throws Exception {
		this.redis = new RedisProcess();
		this.redis.start();
		super.start();
	}

	@Override
	@AfterAll
	void stop() {
		super.stop();
		try {
			this.redis.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void signInsFailCleanlyWhileRedisIsDownAndRecoverAfterwards() throws Exception {
		Person person = newPerson();
		RefreshToken refresh;
		try (Browser browser = new Browser()) {
			refresh = signIn(browser, person, "app-a", appA()).getOIDCTokens().getRefreshToken();
		}
		this.redis.stop();
		HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> authorize = http.send(HttpRequest.newBuilder(new Flow("app-a",
					"http://localhost/app-a/callback", "openid").request()).build(), HttpResponse.BodyHandlers.ofString());
			statuses.add(authorize.statusCode());
			assertThat(authorize.statusCode()).isEqualTo(503);
			assertThat(authorize.headers().firstValue("Retry-After")).isPresent();
			assertThat(authorize.body()).contains("error-reference").doesNotContain("Exception");

			// Refresh grants need only the database: they go on, rotating as usual.
			OIDCTokenResponse refreshed = refreshed(refresh, appA());
			refresh = refreshed.getOIDCTokens().getRefreshToken();

			HttpResponse<String> introspection = postForm(this.op.getIntrospectionEndpointURI().toString(),
					"token=" + refreshed.getOIDCTokens().getAccessToken().getValue() + "&client_id=app-a&client_secret="
							+ HpidServer.APP_A_SECRET);
			statuses.add(introspection.statusCode());
			assertThat(introspection.statusCode()).isIn(200, 503);
		}
		assertThat(statuses).doesNotContain(500);

		this.redis.start();
		Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
		int status = 0;
		while (Instant.now().isBefore(deadline) && status != 302) {
			status = http.send(HttpRequest.newBuilder(new Flow("app-a", "http://localhost/app-a/callback", "openid")
				.request()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status != 302) {
				Thread.sleep(200);
			}
		}
		assertThat(status).as("sign-ins work again once Redis is back").isEqualTo(302);
		try (Browser browser = new Browser()) {
			assertThat(signIn(browser, person, "app-a", appA()).getOIDCTokens().getIDToken()).isNotNull();
		}
		// The refresh token issued during the outage still works after it.
		assertThat(refreshed(refresh, appA()).getOIDCTokens().getAccessToken()).isNotNull();
		TokenResponse serviceToken = TokenResponse.parse(new TokenRequest(this.op.getTokenEndpointURI(),
				new ClientSecretBasic(new ClientID("service"), new Secret(HpidServer.SERVICE_SECRET)),
				new ClientCredentialsGrant(), new Scope("records.read")).toHTTPRequest().send());
		assertThat(serviceToken.indicatesSuccess()).isTrue();
	}

}
