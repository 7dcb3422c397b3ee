package vn.haiphong.hpid.tests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protocol suite: an independent client library (Nimbus OAuth 2.0 SDK with OpenID
 * Connect extensions) and a headless browser (HtmlUnit) against a running hpid. Runs on
 * each database; see the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProtocolSuite {

	static final String PASSWORD = "sóng biển Đồ Sơn mùa hè";

	HpidServer server;

	OIDCProviderMetadata op;

	final HttpClient http = HttpClient.newHttpClient();

	abstract HpidServer.Database database();

	String[] extraArgs() {
		return new String[0];
	}

	/** A super-admin, for the tests that create clients through the admin API. */
	static final String ADMIN_EMAIL = "protocol-root@admin.example.vn";

	static final String ADMIN_PASSWORD = "quản trị giao thức 2026";

	/** One for the suite: it keeps the administrator's one-time code secret, enrolled at the first sign-in. */
	AdminSignIn admins;

	@BeforeAll
	void start() throws Exception {
		List<String> args = new java.util.ArrayList<>(List.of(extraArgs()));
		args.add("--HPID_BOOTSTRAP_ADMIN_EMAIL=" + ADMIN_EMAIL);
		args.add("--HPID_BOOTSTRAP_ADMIN_PASSWORD=" + ADMIN_PASSWORD);
		this.server = HpidServer.start(database(), args.toArray(String[]::new));
		this.admins = new AdminSignIn(this.server.base());
		this.op = OIDCProviderMetadata.resolve(new Issuer(this.server.issuer()));
	}

	@AfterAll
	void stop() {
		if (this.server != null) {
			this.server.close();
		}
	}

	// ----- the happy path, end to end -----

	@Test
	void discoveryListsExactlyWhatIsSupported() {
		assertThat(this.op.getIssuer().getValue()).isEqualTo(this.server.issuer());
		assertThat(this.op.getAuthorizationEndpointURI().toString())
			.isEqualTo(this.server.issuer() + "/protocol/openid-connect/auth");
		assertThat(this.op.getTokenEndpointURI().toString()).endsWith("/protocol/openid-connect/token");
		assertThat(this.op.getJWKSetURI().toString()).endsWith("/protocol/openid-connect/certs");
		assertThat(this.op.getIntrospectionEndpointURI().toString()).endsWith("/protocol/openid-connect/token/introspect");
		assertThat(this.op.getRevocationEndpointURI().toString()).endsWith("/protocol/openid-connect/revoke");
		assertThat(this.op.getEndSessionEndpointURI().toString()).endsWith("/protocol/openid-connect/logout");
		assertThat(this.op.getGrantTypes()).extracting(Object::toString)
			.containsExactlyInAnyOrder("authorization_code", "refresh_token", "client_credentials");
		assertThat(this.op.getResponseTypes()).extracting(Object::toString).containsExactly("code");
		assertThat(this.op.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
		assertThat(this.op.supportsAuthorizationResponseIssuerParam()).isTrue();
		assertThat(this.op.getCustomParameters()).doesNotContainKeys("device_authorization_endpoint",
				"pushed_authorization_request_endpoint", "registration_endpoint");
	}

	@Test
	void healthAndMetricsAreOnTheManagementPort() throws Exception {
		String management = "http://localhost:" + this.server.managementPort();
		assertThat(get(management + "/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(get(management + "/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(get(management + "/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
		assertThat(get(this.server.base() + "/actuator/health").statusCode()).isEqualTo(404);
	}

	@Test
	void rfc8414MetadataIsServedForTheRealm() throws Exception {
		HttpResponse<String> response = get(this.server.base() + "/.well-known/oauth-authorization-server/realms/haiphong");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"issuer\":\"" + this.server.issuer() + "\"");
	}

	@Test
	void fullCodeFlowFromSignInToLogout() throws Exception {
		Person person = newPerson();
		try (Browser browser = new Browser()) {
			Flow flow = new Flow("app-a", "http://localhost/app-a/callback", "openid profile email");
			URI callback = browser.authorize(flow.request(), "http://localhost/app-a/callback", person.email(),
					PASSWORD);
			AuthorizationSuccessResponse success = flow.success(callback);
			assertThat(success.getIssuer().getValue()).isEqualTo(this.server.issuer());
			OIDCTokenResponse tokens = flow.exchange(success.getAuthorizationCode(), appA());

			IDTokenClaimsSet id = validate(tokens.getOIDCTokens().getIDToken(), "app-a", flow.nonce);
			assertThat(id.getSubject().getValue()).isNotEqualTo(person.email()).hasSizeGreaterThan(16);
			assertThat(id.getAuthenticationTime()).isNotNull();
			assertThat(id.getACR().getValue()).isEqualTo("urn:hpid:acr:local");
			assertThat(id.getAMR()).extracting(Object::toString).containsExactly("pwd");
			assertThat(id.getStringClaim("sid")).isNotBlank();

			SignedJWT access = SignedJWT.parse(tokens.getOIDCTokens().getAccessToken().getValue());
			assertThat(access.getHeader().getType().toString()).isEqualTo("at+jwt");
			JWTClaimsSet accessClaims = access.getJWTClaimsSet();
			assertThat(accessClaims.getStringClaim("client_id")).isEqualTo("app-a");
			assertThat(accessClaims.getStringClaim("scope")).isEqualTo("openid profile email");
			assertThat(accessClaims.getAudience()).isNotEmpty();
			assertThat(accessClaims.getJWTID()).isNotBlank();
			assertThat(accessClaims.getSubject()).isEqualTo(id.getSubject().getValue());

			UserInfo userInfo = userInfo(tokens.getOIDCTokens().getAccessToken());
			assertThat(userInfo.getSubject()).isEqualTo(id.getSubject());
			assertThat(userInfo.getEmailAddress()).isEqualTo(person.email());
			assertThat(userInfo.getName()).isEqualTo(person.name());

			// Refresh: a new refresh token every time.
			RefreshToken first = tokens.getOIDCTokens().getRefreshToken();
			OIDCTokenResponse refreshed = refreshed(first, appA());
			RefreshToken second = refreshed.getOIDCTokens().getRefreshToken();
			assertThat(second.getValue()).isNotEqualTo(first.getValue());
			assertThat(refreshed.getOIDCTokens().getIDToken().getJWTClaimsSet().getStringClaim("sid"))
				.isEqualTo(id.getStringClaim("sid"));

			// Introspection, by an authenticated client.
			TokenIntrospectionSuccessResponse active = introspect(refreshed.getOIDCTokens().getAccessToken().getValue());
			assertThat(active.isActive()).isTrue();
			assertThat(active.getSubject()).isEqualTo(id.getSubject());

			// Revocation of the refresh token ends the sign-in at this client.
			HTTPResponse revoked = new TokenRevocationRequest(this.op.getRevocationEndpointURI(), appA(), second)
				.toHTTPRequest()
				.send();
			assertThat(revoked.getStatusCode()).isEqualTo(200);
			assertThat(refresh(second, appA()).indicatesSuccess()).isFalse();
			assertThat(introspect(refreshed.getOIDCTokens().getAccessToken().getValue()).isActive()).isFalse();

			// RP-initiated logout with id_token_hint returns to the registered URI with state.
			State logoutState = new State();
			URI logout = new LogoutRequest(this.op.getEndSessionEndpointURI(), tokens.getOIDCTokens().getIDToken(),
					URI.create("http://localhost/app-a/bye"), logoutState).toURI();
			Page afterLogout = browser.open(logout);
			assertThat(afterLogout.getWebResponse().getStatusCode()).isEqualTo(302);
			assertThat(afterLogout.getWebResponse().getResponseHeaderValue("Location"))
				.isEqualTo("http://localhost/app-a/bye?state=" + logoutState.getValue());
			// The session is gone: the next authorization asks for the password again.
			Page again = browser.open(new Flow("app-a", "http://localhost/app-a/callback", "openid").request());
			assertThat(again.getWebResponse().getResponseHeaderValue("Location")).contains("/realms/haiphong/login");
		}
	}

	@Test
	void aBackChannelLogoutThatFinallyFailsIsAudited() throws Exception {
		Person person = newPerson();
		try (Browser browser = new Browser()) {
			OIDCTokenResponse tokens = signIn(browser, person, "unreachable-app",
					new ClientSecretBasic(new ClientID("unreachable-app"), new Secret(HpidServer.APP_A_SECRET)));
			URI logout = new LogoutRequest(this.op.getEndSessionEndpointURI(), tokens.getOIDCTokens().getIDToken(),
					null, null).toURI();
			assertThat(browser.open(logout).getWebResponse().getStatusCode()).isEqualTo(302);
		}
		long deadline = System.currentTimeMillis() + 10_000;
		long failures = 0;
		while (failures == 0 && System.currentTimeMillis() < deadline) {
			try (java.sql.Connection db = this.server.database();
					java.sql.PreparedStatement query = db.prepareStatement(
							"select count(*) from audit_event where type = 'BACKCHANNEL_LOGOUT' and outcome = 'FAILURE'"
									+ " and client_id = 'unreachable-app'");
					java.sql.ResultSet rows = query.executeQuery()) {
				rows.next();
				failures = rows.getLong(1);
			}
			Thread.sleep(200);
		}
		assertThat(failures).as("one audit entry per delivery that finally failed").isEqualTo(1);
	}

	@Test
	void signInsAreAuditedWithAddressAndClient() throws Exception {
		Person person = newPerson();
		try (Browser browser = new Browser()) {
			signIn(browser, person, "app-a", appA());
		}
		try (java.sql.Connection db = this.server.database();
				java.sql.PreparedStatement query = db.prepareStatement(
						"select ip_address, client_id, details from audit_event where type = 'LOGIN'"
								+ " and outcome = 'SUCCESS' order by id desc");
				java.sql.ResultSet rows = query.executeQuery()) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString("ip_address")).isEqualTo("127.0.0.1");
			assertThat(rows.getString("client_id")).isEqualTo("app-a");
			assertThat(rows.getString("details")).contains("\"method\":\"pwd\"").doesNotContain(PASSWORD);
		}
	}

	@Test
	void replayOfARotatedRefreshTokenRevokesTheWholeFamily() throws Exception {
		Person person = newPerson();
		try (Browser browser = new Browser()) {
			OIDCTokenResponse tokens = signIn(browser, person, "app-a", appA());
			RefreshToken first = tokens.getOIDCTokens().getRefreshToken();
			OIDCTokenResponse rotated = refreshed(first, appA());
			RefreshToken second = rotated.getOIDCTokens().getRefreshToken();

			TokenResponse replay = refresh(first, appA());
			assertThat(replay.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
			// Both copies are dead now, and the family's access tokens with them.
			assertThat(refresh(second, appA()).toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
			assertThat(introspect(rotated.getOIDCTokens().getAccessToken().getValue()).isActive()).isFalse();
		}
	}

	@Test
	void secondAppInTheSameBrowserGetsItsCodeWithoutAPassword() throws Exception {
		Person person = newPerson();
		try (Browser browser = new Browser()) {
			OIDCTokenResponse atA = signIn(browser, person, "app-a", appA());
			Flow flowB = new Flow("app-b", "http://localhost/app-b/callback", "openid profile");
			URI callback = browser.authorize(flowB.request(), "http://localhost/app-b/callback", null, null);
			OIDCTokenResponse atB = flowB.exchange(flowB.success(callback).getAuthorizationCode(),
					new ClientSecretPost(new ClientID("app-b"), new Secret(HpidServer.APP_B_SECRET)));
			JWTClaimsSet a = atA.getOIDCTokens().getIDToken().getJWTClaimsSet();
			JWTClaimsSet b = atB.getOIDCTokens().getIDToken().getJWTClaimsSet();
			assertThat(b.getSubject()).isEqualTo(a.getSubject());
			assertThat(b.getStringClaim("sid")).isEqualTo(a.getStringClaim("sid"));
			assertThat(b.getAudience()).containsExactly("app-b");
		}
	}

	// ----- pairwise subjects (OpenID Connect Core 1.0 §8) -----

	@Test
	void discoveryListsPublicAndPairwiseSubjects() {
		assertThat(this.op.getSubjectTypes()).extracting(Object::toString).containsExactly("public", "pairwise");
	}

	@Test
	void aPairwiseClientGetsItsOwnSubEverywhereAndTheSameOneAtTheNextSignIn() throws Exception {
		Person person = newPerson();
		String publicSub;
		String pairwiseSub;
		try (Browser browser = new Browser()) {
			publicSub = signIn(browser, person, "app-a", appA()).getOIDCTokens().getIDToken().getJWTClaimsSet()
				.getSubject();

			Flow flow = new Flow("pw-tourism", "http://localhost/pw-tourism/callback", "openid profile email");
			URI callback = browser.authorize(flow.request(), "http://localhost/pw-tourism/callback", null, null);
			OIDCTokenResponse tokens = flow.exchange(flow.success(callback).getAuthorizationCode(), pairwise("pw-tourism"));
			IDTokenClaimsSet id = validate(tokens.getOIDCTokens().getIDToken(), "pw-tourism", flow.nonce);
			pairwiseSub = id.getSubject().getValue();
			assertThat(pairwiseSub).isNotEqualTo(publicSub).matches("[A-Za-z0-9_-]{43}");

			// The same sub in the access token, at userinfo and at introspection.
			AccessToken access = tokens.getOIDCTokens().getAccessToken();
			assertThat(SignedJWT.parse(access.getValue()).getJWTClaimsSet().getSubject()).isEqualTo(pairwiseSub);
			UserInfo userInfo = userInfo(access);
			assertThat(userInfo.getSubject().getValue()).isEqualTo(pairwiseSub);
			assertThat(userInfo.getEmailAddress()).isEqualTo(person.email());
			assertThat(introspect(access.getValue()).getSubject().getValue()).isEqualTo(pairwiseSub);

			// And after a refresh.
			OIDCTokenResponse refreshed = refreshed(tokens.getOIDCTokens().getRefreshToken(), pairwise("pw-tourism"));
			assertThat(refreshed.getOIDCTokens().getIDToken().getJWTClaimsSet().getSubject()).isEqualTo(pairwiseSub);
			assertThat(userInfo(refreshed.getOIDCTokens().getAccessToken()).getSubject().getValue())
				.isEqualTo(pairwiseSub);
		}
		// A second sign-in, in a new browser, with the password again.
		try (Browser browser = new Browser()) {
			assertThat(signIn(browser, person, "pw-tourism", pairwise("pw-tourism")).getOIDCTokens().getIDToken()
				.getJWTClaimsSet().getSubject()).isEqualTo(pairwiseSub);
		}
	}

	@Test
	void pairwiseClientsOfOneSectorShareTheSubAndOtherSectorsDoNot() throws Exception {
		Person person = newPerson();
		try (Browser browser = new Browser()) {
			String tourism = signIn(browser, person, "pw-tourism", pairwise("pw-tourism")).getOIDCTokens()
				.getIDToken().getJWTClaimsSet().getSubject();
			String map = signInAgain(browser, "pw-tourism-map").getJWTClaimsSet().getSubject();
			String health = signInAgain(browser, "pw-health").getJWTClaimsSet().getSubject();
			String publicSub = signInAgain(browser, "app-b").getJWTClaimsSet().getSubject();
			assertThat(map).isEqualTo(tourism);
			assertThat(health).isNotEqualTo(tourism).isNotEqualTo(publicSub);
			assertThat(tourism).isNotEqualTo(publicSub);
		}
	}

	@Test
	void aPairwiseClientCreatedThroughTheAdminApiGetsTheSubOfItsSector() throws Exception {
		String admin = this.admins.accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);
		ClientAuthentication sameSector = new ClientSecretBasic(new ClientID("pw-api-tourism"),
				new Secret(createdClientSecret(admin, "pw-api-tourism", "dulich.example")));
		ClientAuthentication otherSector = new ClientSecretBasic(new ClientID("pw-api-other"),
				new Secret(createdClientSecret(admin, "pw-api-other", "api-other.example")));
		Person person = newPerson();
		try (Browser browser = new Browser()) {
			String tourism = signIn(browser, person, "pw-tourism", pairwise("pw-tourism")).getOIDCTokens()
				.getIDToken().getJWTClaimsSet().getSubject();
			String publicSub = signInAgain(browser, "app-b").getJWTClaimsSet().getSubject();

			OIDCTokens api = signInAgain(browser, "pw-api-tourism", sameSector);
			assertThat(api.getIDToken().getJWTClaimsSet().getSubject()).isEqualTo(tourism).isNotEqualTo(publicSub);
			assertThat(SignedJWT.parse(api.getAccessToken().getValue()).getJWTClaimsSet().getSubject())
				.isEqualTo(tourism);
			assertThat(userInfo(api.getAccessToken()).getSubject().getValue()).isEqualTo(tourism);

			String other = signInAgain(browser, "pw-api-other", otherSector).getIDToken().getJWTClaimsSet()
				.getSubject();
			assertThat(other).isNotEqualTo(tourism).isNotEqualTo(publicSub).matches("[A-Za-z0-9_-]{43}");
		}
	}

	/** Creates a confidential pairwise client through the admin API; returns its secret. */
	private String createdClientSecret(String adminToken, String clientId, String sector) throws Exception {
		String body = """
				{"clientId": "%s", "displayName": {"vi": "Ứng dụng %s"}, "type": "confidential",
				 "subjectType": "pairwise", "sector": "%s", "redirectUris": ["http://localhost/%s/callback"],
				 "scopes": ["openid", "profile"]}""".formatted(clientId, clientId, sector, clientId);
		HttpResponse<String> created = this.http.send(HttpRequest.newBuilder(URI.create(this.server.base()
				+ "/admin/api/realms/haiphong/clients"))
			.header("Authorization", "Bearer " + adminToken)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.body()).contains("\"subjectType\":\"pairwise\"");
		return com.nimbusds.jose.util.JSONObjectUtils.parse(created.body()).get("secret").toString();
	}

	@Test
	void rpInitiatedLogoutWithAPairwiseIdTokenHintEndsTheSessionAndTellsTheClientItsSub() throws Exception {
		Person person = newPerson();
		try (Browser browser = new Browser()) {
			OIDCTokenResponse tokens = signIn(browser, person, "pw-tourism", pairwise("pw-tourism"));
			JWTClaimsSet id = tokens.getOIDCTokens().getIDToken().getJWTClaimsSet();
			State logoutState = new State();
			URI logout = new LogoutRequest(this.op.getEndSessionEndpointURI(), tokens.getOIDCTokens().getIDToken(),
					URI.create("http://localhost/pw-tourism/bye"), logoutState).toURI();
			Page afterLogout = browser.open(logout);
			// No confirmation page: the hint named the person signed in, so the session ends at once.
			assertThat(afterLogout.getWebResponse().getResponseHeaderValue("Location"))
				.isEqualTo("http://localhost/pw-tourism/bye?state=" + logoutState.getValue());
			Page again = browser.open(new Flow("pw-tourism", "http://localhost/pw-tourism/callback", "openid").request());
			assertThat(again.getWebResponse().getResponseHeaderValue("Location")).contains("/realms/haiphong/login");

			// The back-channel logout token carries the client's pairwise sub and the session.
			JWTClaimsSet logoutToken = awaitLogoutToken("pw-tourism", id.getStringClaim("sid"));
			assertThat(logoutToken.getSubject()).isEqualTo(id.getSubject());
		}
	}

	@Test
	void anIdTokenHintOfAnotherPersonDoesNotEndTheSessionWithoutConfirmation() throws Exception {
		Person victim = newPerson();
		Person other = newPerson();
		JWT otherHint;
		try (Browser browser = new Browser()) {
			otherHint = signIn(browser, other, "pw-tourism", pairwise("pw-tourism")).getOIDCTokens().getIDToken();
		}
		try (Browser browser = new Browser()) {
			signIn(browser, victim, "pw-tourism", pairwise("pw-tourism"));
			Page page = browser.open(new LogoutRequest(this.op.getEndSessionEndpointURI(), otherHint,
					URI.create("http://localhost/pw-tourism/bye"), new State()).toURI());
			assertThat(page.getWebResponse().getResponseHeaderValue("Location")).contains("/logout-confirm?c=");
		}
	}

	ClientAuthentication pairwise(String clientId) {
		return new ClientSecretBasic(new ClientID(clientId), new Secret(HpidServer.APP_A_SECRET));
	}

	/** Signs in at another client in the same browser (no password: the SSO session). */
	JWT signInAgain(Browser browser, String clientId) throws Exception {
		ClientAuthentication auth = clientId.equals("app-b")
				? new ClientSecretPost(new ClientID("app-b"), new Secret(HpidServer.APP_B_SECRET)) : pairwise(clientId);
		return signInAgain(browser, clientId, auth).getIDToken();
	}

	/** Signs in at a client in the same browser (SSO), authenticating it with {@code auth}. */
	OIDCTokens signInAgain(Browser browser, String clientId, ClientAuthentication auth) throws Exception {
		String redirect = "http://localhost/" + clientId + "/callback";
		Flow flow = new Flow(clientId, redirect, "openid");
		URI callback = browser.authorize(flow.request(), redirect, null, null);
		return flow.exchange(flow.success(callback).getAuthorizationCode(), auth).getOIDCTokens();
	}

	JWTClaimsSet awaitLogoutToken(String client, String sid) throws Exception {
		long deadline = System.currentTimeMillis() + 10_000;
		while (System.currentTimeMillis() < deadline) {
			for (String token : LogoutReceivers.received(client)) {
				JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
				if (sid.equals(claims.getStringClaim("sid"))) {
					return claims;
				}
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no logout token for session " + sid + " at " + client);
	}

	@Test
	void clientCredentialsGivesAnAccessTokenForTheService() throws Exception {
		ClientAuthentication service = new ClientSecretBasic(new ClientID("service"),
				new Secret(HpidServer.SERVICE_SECRET));
		TokenResponse response = TokenResponse.parse(new TokenRequest(this.op.getTokenEndpointURI(), service,
				new ClientCredentialsGrant(), new Scope("records.read")).toHTTPRequest().send());
		assertThat(response.indicatesSuccess()).isTrue();
		AccessToken token = response.toSuccessResponse().getTokens().getAccessToken();
		JWTClaimsSet claims = SignedJWT.parse(token.getValue()).getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo("service");
		assertThat(claims.getStringClaim("scope")).isEqualTo("records.read");
		assertThat(introspect(token.getValue()).isActive()).isTrue();
	}

	/**
	 * The fast path (ProtocolFastPath) takes a request only in its plain form; the same
	 * request with one extra, ignored parameter goes through the full filter chain. Both
	 * must answer alike: the same status, the same headers (security headers included),
	 * the same body, or for a new token the same claims but its id and times.
	 */
	@Test
	void theFastPathAnswersAsTheFullChainDoes() throws Exception {
		Person person = newPerson();
		AccessToken personToken;
		RefreshToken personRefresh;
		try (Browser browser = new Browser()) {
			OIDCTokens signedIn = signIn(browser, person, "app-a", appA())
				.getOIDCTokens();
			personToken = signedIn.getAccessToken();
			personRefresh = signedIn.getRefreshToken();
		}
		String basicService = "Basic " + java.util.Base64.getEncoder()
			.encodeToString(("service:" + HpidServer.SERVICE_SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		String basicAppA = "Basic " + java.util.Base64.getEncoder()
			.encodeToString(("app-a:" + HpidServer.APP_A_SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));

		String token = this.op.getTokenEndpointURI().toString();
		HttpResponse<String> fastGrant = post(token, basicService, "grant_type=client_credentials&scope=records.read");
		HttpResponse<String> chainGrant = post(token, basicService,
				"grant_type=client_credentials&scope=records.read&ignored=1");
		assertSameHeaders(fastGrant, chainGrant);
		assertThat(fastGrant.statusCode()).isEqualTo(200);
		JWTClaimsSet fastClaims = SignedJWT.parse(accessTokenOf(fastGrant)).getJWTClaimsSet();
		JWTClaimsSet chainClaims = SignedJWT.parse(accessTokenOf(chainGrant)).getJWTClaimsSet();
		assertThat(withoutIdAndTimes(fastClaims)).isEqualTo(withoutIdAndTimes(chainClaims));
		assertThat(fastGrant.body().replaceAll("\"access_token\":\"[^\"]+\"", ""))
			.isEqualTo(chainGrant.body().replaceAll("\"access_token\":\"[^\"]+\"", ""));

		String introspection = this.op.getIntrospectionEndpointURI().toString();
		for (String subject : List.of(personToken.getValue(), accessTokenOf(fastGrant), "not-a-token")) {
			HttpResponse<String> fast = post(introspection, basicAppA, "token=" + subject);
			HttpResponse<String> chain = post(introspection, basicAppA, "token=" + subject + "&ignored=1");
			assertSameHeaders(fast, chain);
			assertThat(fast.body()).isEqualTo(chain.body());
		}

		String userinfo = this.op.getUserInfoEndpointURI().toString();
		HttpResponse<String> fastInfo = this.http.send(HttpRequest.newBuilder(URI.create(userinfo))
			.header("Authorization", "Bearer " + personToken.getValue()).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> chainInfo = this.http.send(HttpRequest.newBuilder(URI.create(userinfo + "?ignored=1"))
			.header("Authorization", "Bearer " + personToken.getValue()).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(fastInfo.statusCode()).isEqualTo(200);
		assertSameHeaders(fastInfo, chainInfo);
		assertThat(fastInfo.body()).isEqualTo(chainInfo.body()).contains(person.name());

		// Refresh: the fast path and the chain rotate the same family in turn.
		HttpResponse<String> fastRefresh = post(token, basicAppA,
				"grant_type=refresh_token&refresh_token=" + personRefresh.getValue());
		assertThat(fastRefresh.statusCode()).isEqualTo(200);
		java.util.Map<String, Object> fastTokens = com.nimbusds.jose.util.JSONObjectUtils.parse(fastRefresh.body());
		HttpResponse<String> chainRefresh = post(token, basicAppA,
				"grant_type=refresh_token&refresh_token=" + fastTokens.get("refresh_token") + "&ignored=1");
		assertSameHeaders(fastRefresh, chainRefresh);
		java.util.Map<String, Object> chainTokens = com.nimbusds.jose.util.JSONObjectUtils.parse(chainRefresh.body());
		assertThat(chainTokens.keySet()).isEqualTo(fastTokens.keySet()).contains("id_token", "refresh_token");
		assertThat(chainTokens.get("refresh_token")).isNotEqualTo(fastTokens.get("refresh_token"));
		for (String name : List.of("access_token", "id_token")) {
			assertThat(withoutIdAndTimes(SignedJWT.parse(fastTokens.get(name).toString()).getJWTClaimsSet()))
				.as(name)
				.isEqualTo(withoutIdAndTimes(SignedJWT.parse(chainTokens.get(name).toString()).getJWTClaimsSet()));
		}
		for (String name : List.of("token_type", "scope")) {
			assertThat(chainTokens.get(name)).as(name).isEqualTo(fastTokens.get(name));
		}
		// A refused refresh: the fast path answers it with the chain's error.
		HttpResponse<String> fastRefused = post(token, basicAppA,
				"grant_type=refresh_token&refresh_token=" + personRefresh.getValue());
		HttpResponse<String> chainRefused = post(token, basicAppA,
				"grant_type=refresh_token&refresh_token=" + personRefresh.getValue() + "&ignored=1");
		assertThat(fastRefused.statusCode()).isEqualTo(400);
		assertSameHeaders(fastRefused, chainRefused);
		assertThat(fastRefused.body()).isEqualTo(chainRefused.body()).contains("invalid_grant");

		// What the fast path must not answer itself still gets the chain's errors.
		HttpResponse<String> wrongSecret = post(token, "Basic " + java.util.Base64.getEncoder()
			.encodeToString("service:wrong-secret-0123456789-0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
				"grant_type=client_credentials");
		assertThat(wrongSecret.statusCode()).isEqualTo(401);
		assertThat(wrongSecret.body()).contains("invalid_client");
		HttpResponse<String> badScope = post(token, basicService, "grant_type=client_credentials&scope=admin");
		assertThat(badScope.statusCode()).isEqualTo(400);
		assertThat(badScope.body()).contains("invalid_scope");
		HttpResponse<String> forgedBearer = this.http.send(HttpRequest.newBuilder(URI.create(userinfo))
			.header("Authorization", "Bearer " + personToken.getValue().substring(0, personToken.getValue().length() - 4)
					+ "AAAA").GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(forgedBearer.statusCode()).isEqualTo(401);
		assertThat(forgedBearer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(value) -> assertThat(value).contains("invalid_token"));
	}

	HttpResponse<String> post(String url, String authorization, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", authorization)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static void assertSameHeaders(HttpResponse<String> fast, HttpResponse<String> chain) {
		assertThat(fast.statusCode()).isEqualTo(chain.statusCode());
		java.util.function.Function<HttpResponse<String>, java.util.Map<String, List<String>>> comparable = (response) -> {
			java.util.Map<String, List<String>> headers = new java.util.TreeMap<>(response.headers().map());
			headers.keySet().removeAll(List.of("date", "content-length", "keep-alive", "connection"));
			return headers;
		};
		assertThat(comparable.apply(fast)).isEqualTo(comparable.apply(chain))
			.containsKeys("content-security-policy", "x-frame-options", "cache-control", "x-content-type-options");
	}

	static String accessTokenOf(HttpResponse<String> response) throws Exception {
		return com.nimbusds.jose.util.JSONObjectUtils.parse(response.body()).get("access_token").toString();
	}

	static java.util.Map<String, Object> withoutIdAndTimes(JWTClaimsSet claims) {
		java.util.Map<String, Object> rest = new java.util.TreeMap<>(claims.getClaims());
		rest.keySet().removeAll(List.of("jti", "iat", "nbf", "exp"));
		return rest;
	}

	@Test
	void privateKeyJwtAuthenticatesAClientWithoutASharedSecret() throws Exception {
		ClientAuthentication signed = new com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT(new ClientID("jwt-app"),
				this.op.getTokenEndpointURI(), JWSAlgorithm.RS256, ClientKeys.KEY.toRSAPrivateKey(),
				ClientKeys.KEY.getKeyID(), null);
		TokenResponse response = TokenResponse.parse(new TokenRequest(this.op.getTokenEndpointURI(), signed,
				new ClientCredentialsGrant(), new Scope("records.read")).toHTTPRequest().send());
		assertThat(response.indicatesSuccess()).as(() -> response.toErrorResponse().getErrorObject().toString())
			.isTrue();
		// A key the client never published is refused.
		RSAKey stranger = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(ClientKeys.KEY.getKeyID())
			.generate();
		ClientAuthentication forged = new com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT(new ClientID("jwt-app"),
				this.op.getTokenEndpointURI(), JWSAlgorithm.RS256, stranger.toRSAPrivateKey(), stranger.getKeyID(),
				null);
		TokenResponse refused = TokenResponse.parse(new TokenRequest(this.op.getTokenEndpointURI(), forged,
				new ClientCredentialsGrant(), new Scope("records.read")).toHTTPRequest().send());
		assertThat(refused.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client");
	}

	@Test
	void publicClientUsesPkceAndNoSecret() throws Exception {
		Person person = newPerson();
		try (Browser browser = new Browser()) {
			Flow flow = new Flow("spa", "http://localhost/spa/callback", "openid");
			URI callback = browser.authorize(flow.request(), "http://localhost/spa/callback", person.email(), PASSWORD);
			OIDCTokenResponse tokens = flow.exchange(flow.success(callback).getAuthorizationCode(), null);
			assertThat(tokens.getOIDCTokens().getIDToken()).isNotNull();
			// It could neither refresh nor revoke without authenticating, so it gets none.
			assertThat(tokens.getOIDCTokens().getRefreshToken()).isNull();
		}
	}

	@Test
	void consentScreenAppearsForClientsThatAskConsent() throws Exception {
		Person person = newPerson();
		try (Browser browser = new Browser()) {
			Flow flow = new Flow("consent-app", "http://localhost/consent/callback", "openid profile email");
			Page page = browser.open(flow.request());
			for (int i = 0; i < 6 && !(page instanceof HtmlPage html && html.getUrl().getPath().equals("/consent")); i++) {
				if (page.getWebResponse().getStatusCode() == 302) {
					page = browser.open(page.getWebResponse().getResponseHeaderValue("Location"));
				}
				else {
					page = Browser.signIn((HtmlPage) page, person.email(), PASSWORD);
				}
			}
			HtmlPage consent = (HtmlPage) page;
			assertThat(consent.asNormalizedText()).contains("Ứng dụng cần đồng ý");
			// The consent page wears the realm's branding, like every page of the realm.
			assertThat(consent.getHtmlElementById("branding-css").getAttribute("href"))
				.endsWith("/realms/haiphong/branding.css");
			assertThat(consent.getHtmlElementById("brand-logo").getAttribute("src"))
				.endsWith("/realms/haiphong/branding/logo");
			HtmlForm approve = consent.getForms().get(0);
			Page answer = approve.getOneHtmlElementByAttribute("button", "type", "submit").click();
			String location = answer.getWebResponse().getResponseHeaderValue("Location");
			assertThat(location).startsWith("http://localhost/consent/callback?code=");
		}
	}

	// ----- what must be refused -----

	@Test
	void unregisteredRedirectUriShowsAPageAndNeverRedirects() throws Exception {
		try (Browser browser = new Browser()) {
			Page page = browser.open(new Flow("app-a", "https://evil.example/callback", "openid").request());
			assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
			assertThat(page.getWebResponse().getResponseHeaderValue("Location")).isNull();
			assertThat(page.getWebResponse().getContentAsString()).contains("error-reference");
		}
	}

	@Test
	void slightlyDifferentRedirectUriIsRefusedToo() throws Exception {
		try (Browser browser = new Browser()) {
			for (String near : List.of("http://localhost/app-a/callback/", "http://localhost/app-a/callback?x=1",
					"http://LOCALHOST/app-a/callback", "http://localhost:80/app-a/callback")) {
				Page page = browser.open(new Flow("app-a", near, "openid").request());
				assertThat(page.getWebResponse().getStatusCode()).as(near).isEqualTo(400);
				assertThat(page.getWebResponse().getResponseHeaderValue("Location")).as(near).isNull();
			}
		}
	}

	@Test
	void missingPkceIsRefusedWithIssuer() throws Exception {
		URI request = URI.create(this.op.getAuthorizationEndpointURI() + "?response_type=code&client_id=app-a"
				+ "&redirect_uri=http%3A%2F%2Flocalhost%2Fapp-a%2Fcallback&scope=openid&state=s1");
		AuthorizationErrorResponse error = authorizationError(request);
		assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_request");
		assertThat(error.getState().getValue()).isEqualTo("s1");
		assertThat(error.getIssuer().getValue()).isEqualTo(this.server.issuer());
	}

	@Test
	void plainPkceMethodIsRefused() throws Exception {
		URI request = URI.create(this.op.getAuthorizationEndpointURI() + "?response_type=code&client_id=app-a"
				+ "&redirect_uri=http%3A%2F%2Flocalhost%2Fapp-a%2Fcallback&scope=openid&state=s2"
				+ "&code_challenge=abcdefghijabcdefghijabcdefghijabcdefghijabc&code_challenge_method=plain");
		assertThat(authorizationError(request).getErrorObject().getCode()).isEqualTo("invalid_request");
	}

	@Test
	void implicitResponseTypeIsRefused() throws Exception {
		URI request = URI.create(this.op.getAuthorizationEndpointURI() + "?response_type=token&client_id=app-a"
				+ "&redirect_uri=http%3A%2F%2Flocalhost%2Fapp-a%2Fcallback&scope=openid&state=s3");
		assertThat(authorizationError(request).getErrorObject().getCode()).isEqualTo("unsupported_response_type");
	}

	@Test
	void wrongCodeVerifierIsRefused() throws Exception {
		Person person = newPerson();
		try (Browser browser = new Browser()) {
			Flow flow = new Flow("app-a", "http://localhost/app-a/callback", "openid");
			AuthorizationCode code = flow.success(browser.authorize(flow.request(), "http://localhost/app-a/callback",
					person.email(), PASSWORD)).getAuthorizationCode();
			TokenResponse response = OIDCTokenResponseParser.parse(new TokenRequest(this.op.getTokenEndpointURI(),
					appA(), new AuthorizationCodeGrant(code, flow.redirect, new CodeVerifier()))
				.toHTTPRequest()
				.send());
			assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
		}
	}

	@Test
	void codeVerifierWithoutChallengeCannotBeUsed() throws Exception {
		// RFC 9700 §2.1.1: a code obtained without a challenge must not be redeemable with a
		// verifier. hpid never issues such a code: the request without a challenge is refused.
		URI request = URI.create(this.op.getAuthorizationEndpointURI() + "?response_type=code&client_id=spa"
				+ "&redirect_uri=http%3A%2F%2Flocalhost%2Fspa%2Fcallback&scope=openid&state=s4");
		assertThat(authorizationError(request).getErrorObject().getCode()).isEqualTo("invalid_request");
		// And a verifier sent with a code that is not ours gets invalid_grant, not a token.
		TokenResponse response = OIDCTokenResponseParser.parse(new TokenRequest(this.op.getTokenEndpointURI(),
				new ClientID("spa"), new AuthorizationCodeGrant(new AuthorizationCode("not-a-code"),
						URI.create("http://localhost/spa/callback"), new CodeVerifier()))
			.toHTTPRequest()
			.send());
		assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
	}

	@Test
	void replayedCodeIsRefusedAndRevokesTheTokensIssuedFromIt() throws Exception {
		Person person = newPerson();
		try (Browser browser = new Browser()) {
			Flow flow = new Flow("app-a", "http://localhost/app-a/callback", "openid");
			AuthorizationCode code = flow.success(browser.authorize(flow.request(), "http://localhost/app-a/callback",
					person.email(), PASSWORD)).getAuthorizationCode();
			OIDCTokenResponse tokens = flow.exchange(code, appA());
			TokenResponse replay = OIDCTokenResponseParser.parse(new TokenRequest(this.op.getTokenEndpointURI(),
					appA(), new AuthorizationCodeGrant(code, flow.redirect, flow.verifier))
				.toHTTPRequest()
				.send());
			assertThat(replay.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
			assertThat(introspect(tokens.getOIDCTokens().getAccessToken().getValue()).isActive()).isFalse();
			assertThat(refresh(tokens.getOIDCTokens().getRefreshToken(), appA()).indicatesSuccess()).isFalse();
		}
	}

	@Test
	void expiredCodeIsRefused() throws Exception {
		Person person = newPerson();
		try (Browser browser = new Browser()) {
			Flow flow = new Flow("short-code", "http://localhost/short/callback", "openid");
			AuthorizationCode code = flow.success(browser.authorize(flow.request(), "http://localhost/short/callback",
					person.email(), PASSWORD)).getAuthorizationCode();
			Thread.sleep(1500);
			TokenResponse response = OIDCTokenResponseParser.parse(new TokenRequest(this.op.getTokenEndpointURI(),
					new ClientSecretBasic(new ClientID("short-code"), new Secret(HpidServer.APP_A_SECRET)),
					new AuthorizationCodeGrant(code, flow.redirect, flow.verifier))
				.toHTTPRequest()
				.send());
			assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
		}
	}

	@Test
	void wrongClientSecretIsInvalidClient() throws Exception {
		TokenResponse response = TokenResponse.parse(new TokenRequest(this.op.getTokenEndpointURI(),
				new ClientSecretBasic(new ClientID("service"), new Secret("wrong-secret-0123456789-0123456789")),
				new ClientCredentialsGrant(), null).toHTTPRequest().send());
		TokenErrorResponse error = response.toErrorResponse();
		assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_client");
		assertThat(error.getErrorObject().getHTTPStatusCode()).isEqualTo(401);
	}

	@Test
	void passwordGrantIsUnsupported() throws Exception {
		HttpResponse<String> response = postForm(this.op.getTokenEndpointURI().toString(),
				"grant_type=password&username=a&password=b&client_id=service&client_secret=" + HpidServer.SERVICE_SECRET);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"error\":\"unsupported_grant_type\"");
	}

	@Test
	void oversizedAndMalformedParametersGet400NotA500() throws Exception {
		String huge = "x".repeat(20_000);
		assertThat(get(this.op.getAuthorizationEndpointURI() + "?client_id=app-a&state=" + huge).statusCode())
			.isEqualTo(400);
		assertThat(rawStatus("GET /realms/haiphong/protocol/openid-connect/auth?client_id=%zz HTTP/1.1")).isEqualTo(400);
		assertThat(rawStatus("GET /realms/haiphong/protocol/openid-connect/auth?client_id=%C3%28 HTTP/1.1"))
			.isBetween(400, 499);
		assertThat(get(this.op.getAuthorizationEndpointURI() + "?client_id=app-a&client_id=app-b"
				+ "&response_type=code").statusCode()).isEqualTo(400);
		HttpResponse<String> garbageAuth = this.http.send(HttpRequest.newBuilder(this.op.getTokenEndpointURI())
			.header("Authorization", "Basic !!!not-base64!!!")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(garbageAuth.statusCode()).isBetween(400, 401);
		assertThat(get(this.server.base() + "/realms/nowhere/protocol/openid-connect/auth").statusCode())
			.isEqualTo(404);
		assertThat(postForm(this.op.getIntrospectionEndpointURI().toString(), "token=abc").statusCode())
			.isEqualTo(401);
		assertThat(get(this.server.base() + "/error").statusCode()).as("the error page opened by itself")
			.isEqualTo(404);
	}

	@Test
	void requestsWithoutAnyClientAuthenticationGetInvalidClientInJson() throws Exception {
		// Before: Spring's empty 401, which tells an app nothing.
		for (var request : List.of(
				List.of(this.op.getTokenEndpointURI().toString(), "grant_type=client_credentials&client_id=app-a"),
				List.of(this.op.getIntrospectionEndpointURI().toString(), "token=abc"),
				List.of(this.op.getRevocationEndpointURI().toString(), "token=abc&client_id=app-a"))) {
			HttpResponse<String> response = postForm(request.get(0), request.get(1));
			assertThat(response.statusCode()).as(request.get(0)).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
			Map<String, Object> error = com.nimbusds.jose.util.JSONObjectUtils.parse(response.body());
			assertThat(error.get("error")).as(request.get(0)).isEqualTo("invalid_client");
			assertThat(error.get("error_description").toString()).contains("client authentication is required");
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void unreadableFormsAreRefusedCleanlyWithOneLogLine(CapturedOutput output) throws Exception {
		String tooLarge = "junk=" + "y".repeat(200_000);
		String tooMany = "a=1&".repeat(150);
		for (String body : List.of("grant_type=client_credentials&" + tooLarge, "grant_type=client_credentials&" + tooMany)) {
			for (URI endpoint : List.of(this.op.getTokenEndpointURI(), this.op.getIntrospectionEndpointURI())) {
				HttpResponse<String> refused = postForm(endpoint.toString(), body);
				assertThat(refused.statusCode()).as(endpoint.toString()).isEqualTo(400);
				assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
				assertThat(refused.headers().firstValue("Cache-Control")).contains("no-store");
				assertThat(refused.body()).contains("\"error\":\"invalid_request\"");
			}
		}
		HttpResponse<String> page = postForm(this.server.base() + "/realms/haiphong/login", tooLarge);
		assertThat(page.statusCode()).isEqualTo(413);
		assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(page.body()).contains("Yêu cầu không hợp lệ").doesNotContain("Tomcat").doesNotContain("Exception");
		assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
		assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
		assertThat(postForm(this.server.base() + "/realms/haiphong/login", tooMany).statusCode()).isEqualTo(400);
		// Before: Tomcat's own HTML page for apps, and two stack traces in the log per request.
		assertThat(output.getAll()).contains("UnreadableParametersFilter")
			.doesNotContain("InvalidParameterException")
			.doesNotContain("Servlet.service()");
	}

	@Test
	void wrongMethodsOnAppEndpointsGet405WithAllow() throws Exception {
		String certs = this.op.getJWKSetURI().toString();
		String userinfo = this.op.getUserInfoEndpointURI().toString();
		String token = this.op.getTokenEndpointURI().toString();
		Map<String, String> cases = Map.of("GET " + token, "POST", "GET " + this.op.getIntrospectionEndpointURI(),
				"POST", "GET " + this.op.getRevocationEndpointURI(), "POST", "PUT " + token, "POST",
				"DELETE " + userinfo, "GET, POST", "POST " + certs, "GET, HEAD");
		for (Map.Entry<String, String> each : cases.entrySet()) {
			String[] request = each.getKey().split(" ");
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(request[1]))
				.method(request[0], HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(each.getKey()).isEqualTo(405);
			assertThat(response.headers().firstValue("Allow")).as(each.getKey()).contains(each.getValue());
			assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
			assertThat(response.body()).contains("\"error\":\"invalid_request\"");
		}
		// The methods they serve are untouched.
		assertThat(get(certs).statusCode()).isEqualTo(200);
		assertThat(this.http.send(HttpRequest.newBuilder(URI.create(token))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isNotEqualTo(405);
	}

	@Test
	void requestsTomcatCannotReadGetAPageInBothLanguages() throws Exception {
		// A browser with 20 KB of cookies for the whole domain: Tomcat refuses the headers
		// before hpid sees the request, and used to answer with its English "HTTP Status 400".
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(this.server.base() + "/realms/haiphong/login"))
					.header("Cookie", "other-app=" + "c".repeat(20_000))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(response.body()).contains("Yêu cầu không hợp lệ", "xoá cookie", "clear this site's cookies")
			.doesNotContain("Tomcat")
			.doesNotContain("HTTP Status");
	}

	@Test
	void promptNoneWithoutSessionAnswersLoginRequired() throws Exception {
		Flow flow = new Flow("app-a", "http://localhost/app-a/callback", "openid");
		URI request = URI.create(flow.request() + "&prompt=none");
		assertThat(authorizationError(request).getErrorObject().getCode()).isEqualTo("login_required");
	}

	@Test
	void promptLoginAndMaxAgeZeroAskForThePasswordAgain() throws Exception {
		Person person = newPerson();
		try (Browser browser = new Browser()) {
			signIn(browser, person, "app-a", appA());
			for (String extra : List.of("&prompt=login", "&max_age=0")) {
				Flow flow = new Flow("app-a", "http://localhost/app-a/callback", "openid");
				Page page = browser.open(URI.create(flow.request() + extra));
				assertThat(page.getWebResponse().getResponseHeaderValue("Location")).as(extra)
					.contains("/realms/haiphong/login");
				URI callback = browser.authorize(URI.create(flow.request() + extra), "http://localhost/app-a/callback",
						person.email(), PASSWORD);
				assertThat(flow.success(callback).getAuthorizationCode()).isNotNull();
			}
		}
	}

	// ----- browser apps on other origins (CORS) -----

	@Test
	void discoveryAndCertsAreReadableFromAnyOrigin() throws Exception {
		for (String url : List.of(this.server.issuer() + "/.well-known/openid-configuration",
				this.server.base() + "/.well-known/oauth-authorization-server/realms/haiphong",
				this.op.getJWKSetURI().toString())) {
			HttpResponse<String> response = send("GET", url, "https://anyone.example", null, null);
			assertThat(response.statusCode()).as(url).isEqualTo(200);
			assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(url).contains("*");
			assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).as(url).isEmpty();
		}
		HttpResponse<String> preflight = preflight(this.op.getJWKSetURI().toString(), "https://anyone.example", "GET");
		assertThat(preflight.statusCode()).isEqualTo(204);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
	}

	@Test
	void aBrowserAppOnItsRegisteredOriginReadsTheTokenUserinfoAndTheirErrors() throws Exception {
		String origin = BrowserApp.registeredOrigin();
		String token = this.op.getTokenEndpointURI().toString();
		String userinfo = this.op.getUserInfoEndpointURI().toString();
		HttpResponse<String> tokenPreflight = preflight(token, origin, "POST");
		assertThat(tokenPreflight.statusCode()).isEqualTo(204);
		assertCorsAllowed(tokenPreflight, origin);
		assertThat(tokenPreflight.headers().firstValue("Access-Control-Allow-Methods")).contains("POST");
		assertThat(tokenPreflight.headers().firstValue("Access-Control-Allow-Headers"))
			.contains("Authorization, Content-Type");
		assertThat(tokenPreflight.headers().firstValue("Access-Control-Max-Age")).contains("3600");
		HttpResponse<String> userinfoPreflight = preflight(userinfo, origin, "GET");
		assertThat(userinfoPreflight.statusCode()).isEqualTo(204);
		assertThat(userinfoPreflight.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, POST");

		Person person = newPerson();
		try (Browser browser = new Browser()) {
			String redirect = BrowserApp.page(origin);
			Flow flow = new Flow(BrowserApp.CLIENT_ID, redirect, "openid profile email");
			AuthorizationCode code = flow.success(browser.authorize(flow.request(), redirect, person.email(), PASSWORD))
				.getAuthorizationCode();
			String exchange = "grant_type=authorization_code&client_id=spa-web&code=" + code.getValue()
					+ "&redirect_uri=" + java.net.URLEncoder.encode(redirect, java.nio.charset.StandardCharsets.UTF_8)
					+ "&code_verifier=" + flow.verifier.getValue();
			HttpResponse<String> tokens = send("POST", token, origin, null, exchange);
			assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
			assertCorsAllowed(tokens, origin);
			String accessToken = com.nimbusds.jose.util.JSONObjectUtils.parse(tokens.body()).get("access_token")
				.toString();

			HttpResponse<String> claims = send("GET", userinfo, origin, "Bearer " + accessToken, null);
			assertThat(claims.statusCode()).isEqualTo(200);
			assertThat(claims.body()).contains(person.email());
			assertCorsAllowed(claims, origin);

			// The errors reach the app as well: it must read them to recover.
			HttpResponse<String> replay = send("POST", token, origin, null, exchange);
			assertThat(replay.statusCode()).isEqualTo(400);
			assertThat(replay.body()).contains("\"invalid_grant\"");
			assertCorsAllowed(replay, origin);
			HttpResponse<String> refused = send("GET", userinfo, origin, "Bearer " + accessToken + "x", null);
			assertThat(refused.statusCode()).isEqualTo(401);
			assertThat(refused.headers().firstValue("WWW-Authenticate")).isPresent();
			assertCorsAllowed(refused, origin);
			assertThat(refused.headers().firstValue("Access-Control-Expose-Headers")).contains("WWW-Authenticate");
			// Revocation needs client authentication, which a public client has not; it can read that.
			HttpResponse<String> revocation = send("POST", this.op.getRevocationEndpointURI().toString(), origin, null,
					"client_id=spa-web&token=" + accessToken);
			assertThat(revocation.statusCode()).isEqualTo(401);
			assertCorsAllowed(revocation, origin);
			// A form the server will not read is refused before anything else, readable all the same.
			HttpResponse<String> unreadable = send("POST", token, origin, null, "client_id=spa-web&" + "a=1&".repeat(150));
			assertThat(unreadable.statusCode()).isEqualTo(400);
			assertThat(unreadable.body()).contains("\"error\":\"invalid_request\"");
			assertCorsAllowed(unreadable, origin);
		}
	}

	@Test
	void originsNoClientOrAnotherClientRegisteredGetNoCorsHeaders() throws Exception {
		String token = this.op.getTokenEndpointURI().toString();
		String userinfo = this.op.getUserInfoEndpointURI().toString();
		String unregistered = BrowserApp.unregisteredOrigin();
		for (String url : List.of(token, userinfo, this.op.getRevocationEndpointURI().toString())) {
			HttpResponse<String> preflight = preflight(url, unregistered, "POST");
			assertThat(preflight.statusCode()).as(url).isEqualTo(403);
			assertThat(preflight.body()).as(url).isEmpty();
			assertNoCors(preflight);
		}
		HttpResponse<String> fromUnregistered = send("POST", token, unregistered, null,
				"grant_type=authorization_code&client_id=spa-web&code=nope&redirect_uri=x&code_verifier=y");
		assertThat(fromUnregistered.statusCode()).isEqualTo(400);
		assertNoCors(fromUnregistered);
		assertThat(fromUnregistered.headers().allValues("Vary")).contains("Origin");

		// The origin is spa-web's, but the request names a client that did not register it.
		String registered = BrowserApp.registeredOrigin();
		HttpResponse<String> otherClient = send("POST", token, registered, null,
				"grant_type=authorization_code&client_id=spa&code=nope&redirect_uri=x&code_verifier=y");
		assertThat(otherClient.statusCode()).isEqualTo(400);
		assertNoCors(otherClient);
		Person person = newPerson();
		try (Browser browser = new Browser()) {
			String appAToken = signIn(browser, person, "app-a", appA()).getOIDCTokens().getAccessToken().getValue();
			HttpResponse<String> appAUserinfo = send("GET", userinfo, registered, "Bearer " + appAToken, null);
			assertThat(appAUserinfo.statusCode()).isEqualTo(200);
			assertNoCors(appAUserinfo);
		}
	}

	@Test
	void introspectionAndThePagesGetNoCorsAndKeepTheirSecurityHeaders() throws Exception {
		String origin = BrowserApp.registeredOrigin();
		HttpResponse<String> introspection = send("POST", this.op.getIntrospectionEndpointURI().toString(), origin,
				"Basic " + java.util.Base64.getEncoder()
					.encodeToString(("app-a:" + HpidServer.APP_A_SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
				"token=not-a-token");
		assertThat(introspection.statusCode()).isEqualTo(200);
		assertNoCors(introspection);
		assertNoCors(preflight(this.op.getIntrospectionEndpointURI().toString(), origin, "POST"));
		Flow flow = new Flow(BrowserApp.CLIENT_ID, BrowserApp.page(origin), "openid");
		HttpResponse<String> authorize = send("GET", flow.request().toString(), origin, null, null);
		assertNoCors(authorize);
		assertThat(authorize.headers().firstValue("X-Frame-Options")).contains("DENY");
		HttpResponse<String> login = send("GET", this.server.issuer() + "/login", origin, null, null);
		assertNoCors(login);
		assertThat(login.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");
	}

	@Test
	void webOriginsOfAClientCreatedThroughTheAdminApiCountAtOnce() throws Exception {
		String admin = this.admins.accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);
		String origin = "https://api-spa-" + Long.toString(System.nanoTime(), 36) + ".example";
		String token = this.op.getTokenEndpointURI().toString();
		assertThat(preflight(token, origin, "POST").statusCode()).isEqualTo(403);
		String body = """
				{"clientId": "api-spa-%d", "displayName": {"vi": "Ứng dụng một trang"}, "type": "public",
				 "redirectUris": ["%s/callback"], "webOrigins": ["%s"]}""".formatted(System.nanoTime(),
				origin, origin.toUpperCase(java.util.Locale.ROOT));
		HttpResponse<String> created = this.http.send(HttpRequest.newBuilder(URI.create(this.server.base()
				+ "/admin/api/realms/haiphong/clients"))
			.header("Authorization", "Bearer " + admin)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.body()).contains("\"webOrigins\":[\"" + origin + "\"]");

		HttpResponse<String> preflight = preflight(token, origin, "POST");
		assertThat(preflight.statusCode()).isEqualTo(204);
		assertCorsAllowed(preflight, origin);
	}

	HttpResponse<String> send(String method, String url, String origin, String authorization, String form)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Origin", origin);
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (form != null) {
			request.header("Content-Type", "application/x-www-form-urlencoded");
		}
		return this.http.send(request
			.method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** What a browser sends before a fetch it may not send without asking (Fetch Standard §4.8). */
	HttpResponse<String> preflight(String url, String origin, String method) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Origin", origin)
			.header("Access-Control-Request-Method", method)
			.header("Access-Control-Request-Headers", "authorization,content-type")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static void assertCorsAllowed(HttpResponse<String> response, String origin) {
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
		assertThat(response.headers().allValues("Vary")).contains("Origin");
		assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
	}

	static void assertNoCors(HttpResponse<String> response) {
		assertThat(response.headers().map().keySet())
			.noneMatch((name) -> name.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));
	}

	// ----- helpers -----

	record Person(String email, String name) {
	}

	/** Registers a new local account through the registration page. */
	Person newPerson() throws Exception {
		String email = "nguoi-" + UUID.randomUUID().toString().substring(0, 8) + "@example.vn";
		Person person = new Person(email, "Trần Thị Kiểm Thử");
		try (Browser browser = new Browser()) {
			Flow flow = new Flow("app-a", "http://localhost/app-a/callback", "openid");
			Page page = browser.open(flow.request());
			page = browser.open(page.getWebResponse().getResponseHeaderValue("Location"));
			HtmlPage login = (HtmlPage) page;
			HtmlPage register = login.getAnchorByHref(login.getAnchors().stream()
				.filter((a) -> a.getHrefAttribute().contains("/register"))
				.findFirst()
				.orElseThrow()
				.getHrefAttribute()).click();
			HtmlForm form = register.getForms().get(0);
			form.getInputByName("name").setValue(person.name());
			form.getInputByName("identifier").setValue(email);
			form.getInputByName("password").setValue(PASSWORD);
			form.getInputByName("confirm").setValue(PASSWORD);
			Page done = form.getOneHtmlElementByAttribute("button", "type", "submit").click();
			assertThat(done.getWebResponse().getStatusCode()).as(done.getWebResponse().getContentAsString())
				.isEqualTo(302);
		}
		return person;
	}

	OIDCTokenResponse signIn(Browser browser, Person person, String clientId, ClientAuthentication auth)
			throws Exception {
		String redirect = "http://localhost/" + clientId + "/callback";
		Flow flow = new Flow(clientId, redirect, "openid profile");
		URI callback = browser.authorize(flow.request(), redirect, person.email(), PASSWORD);
		return flow.exchange(flow.success(callback).getAuthorizationCode(), auth);
	}

	ClientAuthentication appA() {
		return new ClientSecretBasic(new ClientID("app-a"), new Secret(HpidServer.APP_A_SECRET));
	}

	IDTokenClaimsSet validate(JWT idToken, String clientId, Nonce nonce) throws Exception {
		IDTokenValidator validator = new IDTokenValidator(this.op.getIssuer(), new ClientID(clientId),
				JWSAlgorithm.RS256, this.op.getJWKSetURI().toURL());
		return validator.validate(idToken, nonce);
	}

	UserInfo userInfo(AccessToken token) throws Exception {
		UserInfoResponse response = UserInfoResponse
			.parse(new UserInfoRequest(this.op.getUserInfoEndpointURI(), (com.nimbusds.oauth2.sdk.token.BearerAccessToken) token)
				.toHTTPRequest()
				.send());
		assertThat(response.indicatesSuccess()).isTrue();
		return response.toSuccessResponse().getUserInfo();
	}

	TokenResponse refresh(RefreshToken token, ClientAuthentication auth) throws Exception {
		return OIDCTokenResponseParser.parse(
				new TokenRequest(this.op.getTokenEndpointURI(), auth, new RefreshTokenGrant(token)).toHTTPRequest()
					.send());
	}

	OIDCTokenResponse refreshed(RefreshToken token, ClientAuthentication auth) throws Exception {
		TokenResponse response = refresh(token, auth);
		assertThat(response.indicatesSuccess()).as(() -> response.toErrorResponse().getErrorObject().toString())
			.isTrue();
		return (OIDCTokenResponse) response.toSuccessResponse();
	}

	TokenIntrospectionSuccessResponse introspect(String token) throws Exception {
		TokenIntrospectionResponse response = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
				this.op.getIntrospectionEndpointURI(), appA(), new com.nimbusds.oauth2.sdk.token.TypelessAccessToken(token))
			.toHTTPRequest()
			.send());
		return response.toSuccessResponse();
	}

	AuthorizationErrorResponse authorizationError(URI request) throws Exception {
		try (Browser browser = new Browser()) {
			Page page = browser.open(request);
			assertThat(page.getWebResponse().getStatusCode()).isEqualTo(302);
			AuthorizationResponse response = AuthorizationResponse
				.parse(URI.create(page.getWebResponse().getResponseHeaderValue("Location")));
			return response.toErrorResponse();
		}
	}

	HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** Sends a request line the JDK client refuses to build, and returns the status code. */
	int rawStatus(String requestLine) throws Exception {
		URI base = URI.create(this.server.base());
		try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
			socket.getOutputStream().write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
				.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
			String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
					java.nio.charset.StandardCharsets.ISO_8859_1)).readLine();
			return Integer.parseInt(status.split(" ")[1]);
		}
	}

	HttpResponse<String> postForm(String url, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** One authorization request with its PKCE verifier, state and nonce. */
	final class Flow {

		final ClientID client;

		final URI redirect;

		final Scope scope;

		final CodeVerifier verifier = new CodeVerifier();

		final State state = new State();

		final Nonce nonce = new Nonce();

		Flow(String clientId, String redirect, String scope) {
			this.client = new ClientID(clientId);
			this.redirect = URI.create(redirect);
			this.scope = Scope.parse(scope);
		}

		URI request() {
			return new AuthenticationRequest.Builder(new ResponseType("code"), this.scope, this.client, this.redirect)
				.endpointURI(ProtocolSuite.this.op.getAuthorizationEndpointURI())
				.state(this.state)
				.nonce(this.nonce)
				.codeChallenge(this.verifier, CodeChallengeMethod.S256)
				.build()
				.toURI();
		}

		AuthorizationSuccessResponse success(URI callback) throws Exception {
			AuthorizationResponse response = AuthorizationResponse.parse(callback);
			assertThat(response.indicatesSuccess()).as(callback.toString()).isTrue();
			assertThat(response.getState()).isEqualTo(this.state);
			return response.toSuccessResponse();
		}

		OIDCTokenResponse exchange(AuthorizationCode code, ClientAuthentication auth) throws Exception {
			AuthorizationCodeGrant grant = new AuthorizationCodeGrant(code, this.redirect, this.verifier);
			TokenRequest request = auth == null ? new TokenRequest(ProtocolSuite.this.op.getTokenEndpointURI(),
					this.client, grant) : new TokenRequest(ProtocolSuite.this.op.getTokenEndpointURI(), auth, grant);
			TokenResponse response = OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
			assertThat(response.indicatesSuccess()).as(() -> response.toErrorResponse().getErrorObject().toString())
				.isTrue();
			return (OIDCTokenResponse) response.toSuccessResponse();
		}

	}

}
