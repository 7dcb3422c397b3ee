package vn.haiphong.hpid.tests;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two hpid processes behind nginx, sharing PostgreSQL (127.0.0.1:5432) and Redis
 * (127.0.0.1:6379), as a city runs them. Each step of a sign-in is sent to a chosen node.
 * The last test kills a node under load.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

	static final String PASSWORD = "hai nút cùng một thành phố";

	private final List<AutoCloseable> running = new ArrayList<>();

	private ClusterProcesses.Node one;

	private ClusterProcesses.Node two;

	private ClusterProcesses.Nginx balancer;

	private String database;

	private Path directory;

	private boolean oneAlive = true;

	private String issuer;

	@BeforeAll
	void start() throws Exception {
		Path directory = Files.createTempDirectory("hpid-cluster");
		this.directory = directory;
		Path realms = RealmFiles.write(directory);
		this.database = "hpid_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres",
				"postgres", ""); Statement statement = connection.createStatement()) {
			statement.execute("create database " + this.database);
		}
		byte[] masterKey = new byte[32];
		new java.security.SecureRandom().nextBytes(masterKey);
		int balancerPort = ClusterProcesses.freePort();
		List<String> settings = List.of("--spring.profiles.active=test",
				"--hpid.public-base-url=http://127.0.0.1:" + balancerPort,
				"--hpid.realm-locations=file:" + realms + "/*.yaml", "--hpid.demo=false",
				"--hpid.master-key=" + Base64.getEncoder().encodeToString(masterKey),
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + this.database,
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--hpid.ephemeral.type=redis", "--hpid.ephemeral.redis-nodes=127.0.0.1:6379",
				"--hpid.ephemeral.redis-key-prefix=" + this.database + ":", "--hpid.keys.reload-interval=1s",
				"--hpid.keys.propagation-delay=3s", "--hpid.backchannel-logout.first-backoff=200ms",
				"--TEST_APP_A_SECRET=" + HpidServer.APP_A_SECRET, "--TEST_APP_B_SECRET=" + HpidServer.APP_B_SECRET,
				"--TEST_SERVICE_SECRET=" + HpidServer.SERVICE_SECRET);
		this.one = new ClusterProcesses.Node("node-1", directory, settings);
		this.two = new ClusterProcesses.Node("node-2", directory, settings);
		this.running.add(this.one);
		this.running.add(this.two);
		this.one.start();
		this.two.start();
		this.balancer = new NginxOnPort(directory, List.of(this.one, this.two), balancerPort).nginx;
		this.running.add(this.balancer);
		this.issuer = this.balancer.base() + "/realms/haiphong";
	}

	@AfterAll
	void stop() throws Exception {
		for (AutoCloseable process : this.running) {
			process.close();
		}
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres",
				"postgres", ""); Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + this.database + " with (force)");
		}
		// The nodes' logs outlive the run, for whoever reads a failure.
		Path kept = Files.createDirectories(Path.of("target", "cluster-logs"));
		try (var logs = Files.list(this.directory)) {
			for (Path log : logs.filter((file) -> file.toString().endsWith(".log")).toList()) {
				Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
		try (var files = Files.walk(this.directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	@Test
	@Order(1)
	void aSignInStartedOnOneNodeFinishesOnTheOther() throws Exception {
		String email = register();
		PlainBrowser browser = new PlainBrowser();
		Tokens tokens = signIn(browser, email, "app-a", this.one, this.two);
		JWTClaimsSet id = validate(tokens.response(), "app-a", tokens.nonce(), this.two);
		assertThat(id.getIssuer()).isEqualTo(this.issuer);
	}

	@Test
	@Order(2)
	void anSsoSessionMadeOnOneNodeIsHonouredByTheOther() throws Exception {
		String email = register();
		PlainBrowser browser = new PlainBrowser();
		Tokens atA = signIn(browser, email, "app-a", this.one, this.one);
		Tokens atB = authorizeWithSession(browser, "app-b", this.two);
		String publicSub = atA.response().getOIDCTokens().getIDToken().getJWTClaimsSet().getSubject();
		assertThat(atB.response().getOIDCTokens().getIDToken().getJWTClaimsSet().getSubject()).isEqualTo(publicSub);
		// Pairwise subjects are computed, not stored: two nodes give one sector the same value.
		String tourismOnTwo = authorizeWithSession(browser, "pw-tourism", this.two).response().getOIDCTokens()
			.getIDToken().getJWTClaimsSet().getSubject();
		String sameSectorOnOne = authorizeWithSession(browser, "pw-tourism-map", this.one).response().getOIDCTokens()
			.getIDToken().getJWTClaimsSet().getSubject();
		assertThat(sameSectorOnOne).isEqualTo(tourismOnTwo).isNotEqualTo(publicSub);
	}

	@Test
	@Order(3)
	void signingOutOnOneNodeEndsTheSessionEverywhereAndTellsEveryClient() throws Exception {
		String email = register();
		PlainBrowser browser = new PlainBrowser();
		Tokens atA = signIn(browser, email, "app-a", this.one, this.two);
		Tokens atB = authorizeWithSession(browser, "app-b", this.one);
		String sid = atA.response().getOIDCTokens().getIDToken().getJWTClaimsSet().getStringClaim("sid");

		URI logout = new LogoutRequest(URI.create(this.two.base() + "/realms/haiphong/protocol/openid-connect/logout"),
				atA.response().getOIDCTokens().getIDToken(), URI.create("http://localhost/app-a/bye"), new State())
			.toURI();
		assertThat(PlainBrowser.location(browser.get(logout.toString()))).startsWith("http://localhost/app-a/bye");

		// Both clients receive a logout token for this session, signed by the realm.
		JWKSet keys = JWKSet.load(URI.create(this.one.base() + "/realms/haiphong/protocol/openid-connect/certs").toURL());
		for (String client : List.of("app-a", "app-b")) {
			String token = awaitLogoutToken(client, sid);
			new LogoutTokenValidator(new Issuer(this.issuer), new ClientID(client), JWSAlgorithm.RS256, keys)
				.validate(SignedJWT.parse(token));
		}
		// The session is gone on the other node too, and so are the tokens of the session.
		HttpResponse<String> again = browser.get(rewrite(new Flow("app-a").request(), this.one));
		assertThat(PlainBrowser.location(again)).contains("/realms/haiphong/login");
		TokenResponse refresh = refresh(atB.response().getOIDCTokens().getRefreshToken(), appB(), this.one);
		assertThat(refresh.indicatesSuccess()).isFalse();
	}

	@Test
	@Order(4)
	void throttlingCountsFailuresFromEveryNode() throws Exception {
		String email = register();
		for (int i = 0; i < 5; i++) {
			ClusterProcesses.Node node = (i % 2 == 0) ? this.one : this.two;
			assertThat(tryPassword(email, "sai " + i, node).statusCode()).isEqualTo(401);
		}
		assertThat(tryPassword(email, PASSWORD, this.two).statusCode()).isEqualTo(429);
	}

	@Test
	@Order(5)
	void aKeyRotatedThroughOneNodeIsPublishedAndThenUsedByBoth() throws Exception {
		PlainBrowser operator = new PlainBrowser();
		HttpResponse<String> rotated = operator.postJson(
				"http://127.0.0.1:" + this.one.managementPort + "/actuator/signingkeys/haiphong", "{}");
		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
		String kid = rotated.body().replaceAll(".*\"kid\"\\s*:\\s*\"([^\"]+)\".*", "$1");
		// Published by both nodes within the reload interval, before it signs.
		awaitUntil(Duration.ofSeconds(5), () -> certs(this.two).contains(kid) && certs(this.one).contains(kid));
		// Used by both nodes once the propagation delay has passed.
		awaitUntil(Duration.ofSeconds(10), () -> serviceTokenKid(this.one).equals(kid)
				&& serviceTokenKid(this.two).equals(kid));
	}

	@Test
	@Order(6)
	void killingANodeUnderLoadLosesNoRefreshToken() throws Exception {
		List<RefreshToken> families = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String email = register();
			families.add(signIn(new PlainBrowser(), email, "app-a", this.one, this.two).response().getOIDCTokens()
				.getRefreshToken());
		}
		List<Integer> statuses = new ArrayList<>();
		for (int round = 0; round < 12; round++) {
			if (round == 4) {
				this.one.kill();
				this.oneAlive = false;
			}
			for (int f = 0; f < families.size(); f++) {
				TokenResponse response = refreshThroughBalancer(families.get(f), statuses);
				assertThat(response.indicatesSuccess())
					.as(() -> "family " + " round: " + response.toErrorResponse().getErrorObject())
					.isTrue();
				families.set(f, ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getRefreshToken());
			}
		}
		assertThat(statuses).allMatch((status) -> status < 500 || status == 502);
	}

	@Test
	@Order(7)
	void aPostgresRestartFailsRequestsCleanlyAndLosesNoRefreshToken() throws Exception {
		List<RefreshToken> families = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			families.add(signIn(new PlainBrowser(), register(), "app-a", this.two, this.two).response()
				.getOIDCTokens()
				.getRefreshToken());
		}
		Thread restart = new Thread(() -> {
			try {
				String version = Files.list(Path.of("/etc/postgresql")).map((p) -> p.getFileName().toString())
					.sorted().reduce((a, b) -> b).orElseThrow();
				new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart", "-m",
						"fast").inheritIO().start().waitFor();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		List<Integer> statuses = new ArrayList<>();
		restart.start();
		Instant until = Instant.now().plus(Duration.ofSeconds(6));
		while (Instant.now().isBefore(until)) {
			for (int f = 0; f < families.size(); f++) {
				var http = new TokenRequest(tokenEndpoint(this.two), appA(), new RefreshTokenGrant(families.get(f)))
					.toHTTPRequest()
					.send();
				statuses.add(http.getStatusCode());
				if (http.getStatusCode() == 200) {
					families.set(f, ((OIDCTokenResponse) OIDCTokenResponseParser.parse(http).toSuccessResponse())
						.getOIDCTokens()
						.getRefreshToken());
				}
			}
			Thread.sleep(100);
		}
		restart.join();
		assertThat(statuses).as("only successes and the documented 503").allMatch((s) -> s == 200 || s == 503);
		// The pool recovers by itself; every family's latest refresh token still works.
		awaitUntil(Duration.ofSeconds(20), () -> refresh(families.get(0), appA(), this.two).indicatesSuccess());
		for (int f = 1; f < families.size(); f++) {
			TokenResponse response = refresh(families.get(f), appA(), this.two);
			assertThat(response.indicatesSuccess()).isTrue();
		}
	}

	// ----- helpers -----

	record Tokens(OIDCTokenResponse response, Nonce nonce) {
	}

	final class Flow {

		final String client;

		final CodeVerifier verifier = new CodeVerifier();

		final Nonce nonce = new Nonce();

		Flow(String client) {
			this.client = client;
		}

		URI redirect() {
			return URI.create("http://localhost/" + this.client + "/callback");
		}

		String request() {
			return new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid", "profile"),
					new ClientID(this.client), redirect())
				.endpointURI(URI.create(ClusterTest.this.issuer + "/protocol/openid-connect/auth"))
				.state(new State())
				.nonce(this.nonce)
				.codeChallenge(this.verifier, CodeChallengeMethod.S256)
				.build()
				.toURI()
				.toString();
		}

	}

	/** Registers a local account through the balancer; returns its e-mail. */
	String register() throws Exception {
		String email = "cum-" + UUID.randomUUID().toString().substring(0, 8) + "@example.vn";
		PlainBrowser browser = new PlainBrowser();
		ClusterProcesses.Node first = this.oneAlive ? this.one : this.two;
		String loginUrl = PlainBrowser.location(browser.get(rewrite(new Flow("app-a").request(), first)));
		String tx = loginUrl.substring(loginUrl.indexOf("tx=") + 3);
		HttpResponse<String> page = browser.get(rewrite(this.issuer + "/register?tx=" + tx, this.two));
		HttpResponse<String> done = browser.post(rewrite(this.issuer + "/register", first),
				PlainBrowser.form("tx", tx, "_csrf", PlainBrowser.field(page.body(), "_csrf"), "name", "Lê Văn Cụm",
						"identifier", email, "password", PASSWORD, "confirm", PASSWORD));
		assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
		return email;
	}

	/** Authorization on {@code first}, sign-in page and form post alternating, code exchange on {@code second}. */
	Tokens signIn(PlainBrowser browser, String email, String client, ClusterProcesses.Node first,
			ClusterProcesses.Node second) throws Exception {
		Flow flow = new Flow(client);
		String loginUrl = PlainBrowser.location(browser.get(rewrite(flow.request(), first)));
		HttpResponse<String> page = browser.get(rewrite(loginUrl, second));
		String tx = PlainBrowser.field(page.body(), "tx");
		HttpResponse<String> posted = browser.post(rewrite(this.issuer + "/login", first), PlainBrowser.form("tx", tx,
				"_csrf", PlainBrowser.field(page.body(), "_csrf"), "identifier", email, "password", PASSWORD));
		String resume = PlainBrowser.location(posted);
		String callback = PlainBrowser.location(browser.get(rewrite(resume, second)));
		return exchange(flow, callback, second);
	}

	Tokens authorizeWithSession(PlainBrowser browser, String client, ClusterProcesses.Node node) throws Exception {
		Flow flow = new Flow(client);
		String callback = PlainBrowser.location(browser.get(rewrite(flow.request(), node)));
		return exchange(flow, callback, node);
	}

	Tokens exchange(Flow flow, String callback, ClusterProcesses.Node node) throws Exception {
		AuthorizationCode code = AuthorizationResponse.parse(URI.create(callback)).toSuccessResponse()
			.getAuthorizationCode();
		// app-b authenticates with its own secret; app-a and the pairwise test clients share app-a's.
		ClientAuthentication auth = flow.client.equals("app-b") ? appB()
				: new ClientSecretBasic(new ClientID(flow.client), new Secret(HpidServer.APP_A_SECRET));
		TokenResponse response = OIDCTokenResponseParser.parse(new TokenRequest(tokenEndpoint(node), auth,
				new AuthorizationCodeGrant(code, flow.redirect(), flow.verifier)).toHTTPRequest().send());
		assertThat(response.indicatesSuccess()).as(() -> response.toErrorResponse().getErrorObject().toString())
			.isTrue();
		return new Tokens((OIDCTokenResponse) response.toSuccessResponse(), flow.nonce);
	}

	HttpResponse<String> tryPassword(String email, String password, ClusterProcesses.Node node) throws Exception {
		PlainBrowser browser = new PlainBrowser();
		String loginUrl = PlainBrowser.location(browser.get(rewrite(new Flow("app-a").request(), node)));
		HttpResponse<String> page = browser.get(rewrite(loginUrl, node));
		return browser.post(rewrite(this.issuer + "/login", node),
				PlainBrowser.form("tx", PlainBrowser.field(page.body(), "tx"), "_csrf",
						PlainBrowser.field(page.body(), "_csrf"), "identifier", email, "password", password));
	}

	TokenResponse refresh(RefreshToken token, ClientAuthentication auth, ClusterProcesses.Node node) throws Exception {
		return OIDCTokenResponseParser.parse(
				new TokenRequest(tokenEndpoint(node), auth, new RefreshTokenGrant(token)).toHTTPRequest().send());
	}

	/** A client that retries once on a 502 or a broken connection, as any sensible client does. */
	TokenResponse refreshThroughBalancer(RefreshToken token, List<Integer> statuses) throws Exception {
		URI endpoint = URI.create(this.issuer + "/protocol/openid-connect/token");
		for (int attempt = 0; attempt < 3; attempt++) {
			try {
				var http = new TokenRequest(endpoint, appA(), new RefreshTokenGrant(token)).toHTTPRequest().send();
				statuses.add(http.getStatusCode());
				if (http.getStatusCode() == 502) {
					continue;
				}
				return OIDCTokenResponseParser.parse(http);
			}
			catch (java.io.IOException brokenConnection) {
				statuses.add(-1);
			}
		}
		throw new AssertionError("no node answered");
	}

	JWTClaimsSet validate(OIDCTokenResponse response, String client, Nonce nonce, ClusterProcesses.Node node)
			throws Exception {
		IDTokenValidator validator = new IDTokenValidator(new Issuer(this.issuer), new ClientID(client),
				JWSAlgorithm.RS256, URI.create(node.base() + "/realms/haiphong/protocol/openid-connect/certs").toURL());
		try {
			return validator.validate(response.getOIDCTokens().getIDToken(), nonce).toJWTClaimsSet();
		}
		catch (BadJOSEException ex) {
			throw new AssertionError("ID token not valid at " + node.base(), ex);
		}
	}

	String certs(ClusterProcesses.Node node) throws Exception {
		return new PlainBrowser().get(node.base() + "/realms/haiphong/protocol/openid-connect/certs").body();
	}

	String serviceTokenKid(ClusterProcesses.Node node) throws Exception {
		TokenResponse response = TokenResponse.parse(new TokenRequest(tokenEndpoint(node),
				new ClientSecretBasic(new ClientID("service"), new Secret(HpidServer.SERVICE_SECRET)),
				new com.nimbusds.oauth2.sdk.ClientCredentialsGrant(), new Scope("records.read")).toHTTPRequest().send());
		return SignedJWT.parse(response.toSuccessResponse().getTokens().getAccessToken().getValue()).getHeader()
			.getKeyID();
	}

	String awaitLogoutToken(String client, String sid) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (Instant.now().isBefore(deadline)) {
			for (String token : LogoutReceivers.received(client)) {
				if (sid.equals(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("sid"))) {
					return token;
				}
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no back-channel logout reached " + client);
	}

	interface Condition {

		boolean holds() throws Exception;

	}

	static void awaitUntil(Duration limit, Condition condition) throws Exception {
		Instant deadline = Instant.now().plus(limit);
		while (!condition.holds()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("condition not met within " + limit);
			}
			Thread.sleep(200);
		}
	}

	URI tokenEndpoint(ClusterProcesses.Node node) {
		return URI.create(node.base() + "/realms/haiphong/protocol/openid-connect/token");
	}

	/** The same URL, sent straight to one node instead of through the balancer. */
	String rewrite(String url, ClusterProcesses.Node node) {
		return url.replace(this.balancer == null ? "" : this.balancer.base(), node.base())
			.replace(this.issuer.substring(0, this.issuer.indexOf("/realms")), node.base());
	}

	ClientAuthentication appA() {
		return new ClientSecretBasic(new ClientID("app-a"), new Secret(HpidServer.APP_A_SECRET));
	}

	ClientAuthentication appB() {
		return new ClientSecretPost(new ClientID("app-b"), new Secret(HpidServer.APP_B_SECRET));
	}

	/** nginx on a port chosen before the nodes start, so their public URL can name it. */
	static final class NginxOnPort {

		final ClusterProcesses.Nginx nginx;

		NginxOnPort(Path directory, List<ClusterProcesses.Node> nodes, int port) throws Exception {
			this.nginx = new ClusterProcesses.Nginx(directory, nodes, port);
		}

	}

}
