package vn.haiphong.hpid.tests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import vn.haiphong.hpid.account.PasswordHasher;
import vn.haiphong.hpid.login.LoginThrottle;
import vn.haiphong.hpid.person.Person;
import vn.haiphong.hpid.person.PersonStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API (/admin/api) as the console and scripts use it: bearer tokens of the
 * realm admin obtained by signing in (password and one-time code), roles read at every
 * request, problem details (RFC 9457) for every refusal, every write audited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiTest {

	static final String SUPER_EMAIL = "root@admin.example.vn";

	static final String PASSWORD = "quản trị tối cao 2026";

	static final String CITIZEN_PASSWORD = "mật khẩu của dân 2026";

	static final String NATIONAL_ID = "031085001289";

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	final JsonMapper json = JsonMapper.builder().build();

	HpidServer server;

	AdminSignIn signIn;

	String superToken;

	String staffAdminToken;

	String helpdeskToken;

	String viewerToken;

	String auditorToken;

	String helpdeskId;

	@BeforeAll
	void start() throws Exception {
		List<String> args = new ArrayList<>(List.of("--HPID_BOOTSTRAP_ADMIN_EMAIL=" + SUPER_EMAIL,
				"--HPID_BOOTSTRAP_ADMIN_PASSWORD=" + PASSWORD));
		args.addAll(List.of(extraArgs()));
		this.server = HpidServer.start(database(), args.toArray(String[]::new));
		this.signIn = new AdminSignIn(this.server.base());
		this.superToken = this.signIn.accessToken(SUPER_EMAIL, PASSWORD);
		this.staffAdminToken = administrator("staff-admin", "[{\"role\":\"realm-admin\",\"realm\":\"staff\"}]");
		this.helpdeskId = createAdministrator("helpdesk", "[{\"role\":\"helpdesk\",\"realm\":\"haiphong\"}]");
		this.helpdeskToken = this.signIn.accessToken("helpdesk@admin.example.vn", PASSWORD);
		this.viewerToken = administrator("viewer", "[{\"role\":\"helpdesk\",\"realm\":\"haiphong\"},"
				+ "{\"role\":\"personal-id-viewer\",\"realm\":\"haiphong\"}]");
		this.auditorToken = administrator("auditor", "[{\"role\":\"auditor\",\"realm\":\"haiphong\"}]");
	}

	HpidServer.Database database() {
		return HpidServer.Database.H2;
	}

	String[] extraArgs() {
		return new String[0];
	}

	@AfterAll
	void stop() {
		this.server.close();
	}

	// ----- authentication -----

	@Test
	void withoutATokenTheApiAnswers401WithABearerChallengeAndAProblem() throws Exception {
		HttpResponse<String> response = get("/admin/api/me", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
		assertThat(response.headers().firstValue("Content-Type").orElseThrow())
			.startsWith("application/problem+json");
		JsonNode problem = body(response);
		assertThat(problem.path("type").asString()).isEqualTo("https://hpid.haiphong.gov.vn/problems/unauthenticated");
		assertThat(problem.path("status").asInt()).isEqualTo(401);
		assertThat(get("/admin/api/realms/haiphong/people?q=an", null).statusCode()).isEqualTo(401);
	}

	@Test
	void anUnknownRouteIsA404Problem() throws Exception {
		HttpResponse<String> response = get("/admin/api/realms/haiphong/nothing-here", this.superToken);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(get("/admin/api/nothing-here", null).statusCode()).as("authentication first").isEqualTo(401);
	}

	@Test
	void aForgedOrGarbageTokenIs401() throws Exception {
		HttpResponse<String> response = get("/admin/api/me", "not-a-token");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
		String[] parts = this.superToken.split("\\.");
		assertThat(get("/admin/api/me", parts[0] + "." + parts[1] + ".c2lnbmF0dXJl").statusCode()).isEqualTo(401);
	}

	@Test
	void anAccessTokenOfTheCitizensRealmIsRefused() throws Exception {
		Citizen citizen = citizen(false);
		OIDCTokenResponse tokens = citizenSignIn(citizen);
		String haiphongToken = tokens.getOIDCTokens().getAccessToken().getValue();
		assertThat(this.http.send(HttpRequest.newBuilder(this.server.uri("/realms/haiphong/protocol/openid-connect/userinfo"))
			.header("Authorization", "Bearer " + haiphongToken).build(), HttpResponse.BodyHandlers.ofString())
			.statusCode()).as("the token itself is good").isEqualTo(200);
		HttpResponse<String> response = get("/admin/api/me", haiphongToken);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
	}

	@Test
	void theBootstrapAdministratorIsSuperAdminOfEveryRealm() throws Exception {
		HttpResponse<String> response = get("/admin/api/me", this.superToken);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode me = body(response);
		assertThat(me.path("roles").get(0).path("role").asString()).isEqualTo("super-admin");
		assertThat(me.path("roles").get(0).path("realm").isNull()).isTrue();
		List<String> realms = new ArrayList<>();
		body(get("/admin/api/realms", this.superToken)).forEach((r) -> realms.add(r.path("name").asString()));
		assertThat(realms).contains("admin", "haiphong", "staff");
		JsonNode haiphong = body(get("/admin/api/realms/haiphong", this.superToken));
		assertThat(haiphong.path("managedBy").asString()).isEqualTo("config");
		assertThat(get("/admin/api/realms/nowhere", this.superToken).statusCode()).isEqualTo(404);
	}

	// ----- role boundaries -----

	@Test
	void aRealmAdminOfStaffCannotTouchHaiphong() throws Exception {
		Citizen citizen = citizen(true);
		List<String> realms = new ArrayList<>();
		body(get("/admin/api/realms", this.staffAdminToken)).forEach((r) -> realms.add(r.path("name").asString()));
		assertThat(realms).containsExactly("staff");
		assertThat(get("/admin/api/realms/haiphong", this.staffAdminToken).statusCode()).isEqualTo(403);
		assertThat(get("/admin/api/realms/haiphong/people?nationalId=" + NATIONAL_ID, this.staffAdminToken)
			.statusCode()).isEqualTo(403);
		assertThat(get("/admin/api/realms/haiphong/people/" + citizen.id, this.staffAdminToken).statusCode())
			.isEqualTo(403);
		HttpResponse<String> disable = post("/admin/api/realms/haiphong/people/" + citizen.id + "/disable",
				this.staffAdminToken, null);
		assertThat(disable.statusCode()).isEqualTo(403);
		assertThat(body(disable).path("type").asString()).isEqualTo("https://hpid.haiphong.gov.vn/problems/forbidden");
		assertThat(get("/admin/api/realms/haiphong/keys", this.staffAdminToken).statusCode()).isEqualTo(403);
		assertThat(get("/admin/api/realms/haiphong/audit", this.staffAdminToken).statusCode()).isEqualTo(403);
		assertThat(status(citizen.id)).as("nothing changed").isEqualTo("ACTIVE");
		JsonNode denied = body(get("/admin/api/realms/haiphong/audit?type=ADMIN_ACCESS_DENIED", this.superToken));
		assertThat(denied.findValuesAsString("outcome")).isNotEmpty().containsOnly("FAILURE");
		assertThat(denied.findValuesAsString("permission")).contains("PEOPLE_WRITE", "KEYS_READ");
		// In its own realm it may do everything.
		assertThat(get("/admin/api/realms/staff/keys", this.staffAdminToken).statusCode()).isEqualTo(200);
		assertThat(get("/admin/api/realms/staff/audit", this.staffAdminToken).statusCode()).isEqualTo(200);
		assertThat(get("/admin/api/realms/staff/people?name=nobody", this.staffAdminToken).statusCode()).isEqualTo(200);
	}

	@Test
	void helpdeskSeesPersonalIdNumbersMaskedAndCannotDisableUnlinkOrReadKeysAndAudit() throws Exception {
		Citizen citizen = citizen(true);
		HttpResponse<String> found = get("/admin/api/realms/haiphong/people?nationalId=" + NATIONAL_ID,
				this.helpdeskToken);
		assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
		JsonNode person = body(found).get(0);
		assertThat(person.path("id").asString()).isEqualTo(citizen.id);
		assertThat(person.path("nationalIdMasked").asBoolean()).isTrue();
		assertThat(person.path("nationalId").asString()).isEqualTo("031*******89").doesNotContain(NATIONAL_ID);
		HttpResponse<String> detail = get("/admin/api/realms/haiphong/people/" + citizen.id, this.helpdeskToken);
		assertThat(detail.body()).doesNotContain(NATIONAL_ID);
		assertThat(body(detail).path("links").get(0).path("nationalId").asString()).isEqualTo("031*******89");
		assertThat(post("/admin/api/realms/haiphong/people/" + citizen.id + "/disable", this.helpdeskToken, null)
			.statusCode()).isEqualTo(403);
		assertThat(post("/admin/api/realms/haiphong/people/" + citizen.id + "/links/vneid/unlink", this.helpdeskToken,
				"{\"reason\":\"thử\"}").statusCode()).isEqualTo(403);
		assertThat(get("/admin/api/realms/haiphong/keys", this.helpdeskToken).statusCode()).isEqualTo(403);
		assertThat(get("/admin/api/realms/haiphong/audit", this.helpdeskToken).statusCode()).isEqualTo(403);
		assertThat(get("/admin/api/realms/haiphong/audit/export", this.helpdeskToken).statusCode()).isEqualTo(403);
		assertThat(get("/admin/api/realms/haiphong/link-conflicts", this.helpdeskToken).statusCode()).isEqualTo(403);
		// What helpdesk is for: sessions, unlock, force sign-out.
		assertThat(get("/admin/api/realms/haiphong/people/" + citizen.id + "/sessions", this.helpdeskToken)
			.statusCode()).isEqualTo(200);
		assertThat(post("/admin/api/realms/haiphong/people/" + citizen.id + "/unlock", this.helpdeskToken, null)
			.statusCode()).isEqualTo(200);
		assertThat(post("/admin/api/realms/haiphong/people/" + citizen.id + "/sign-out", this.helpdeskToken, null)
			.statusCode()).isEqualTo(200);
		assertThat(get("/admin/api/realms/staff/people?name=nobody", this.helpdeskToken).statusCode())
			.as("helpdesk of haiphong only").isEqualTo(403);
	}

	@Test
	void helpdeskWithPersonalIdViewerSeesTheNumberInFull() throws Exception {
		Citizen citizen = citizen(true);
		JsonNode person = body(get("/admin/api/realms/haiphong/people?q=" + NATIONAL_ID, this.viewerToken)).get(0);
		assertThat(person.path("id").asString()).isEqualTo(citizen.id);
		assertThat(person.path("nationalIdMasked").asBoolean()).isFalse();
		assertThat(person.path("nationalId").asString()).isEqualTo(NATIONAL_ID);
		assertThat(post("/admin/api/realms/haiphong/people/" + citizen.id + "/disable", this.viewerToken, null)
			.statusCode()).as("still helpdesk: no disable").isEqualTo(403);
		JsonNode disclosed = body(get("/admin/api/realms/haiphong/audit?type=ADMIN_PERSONAL_ID_VIEW&person="
				+ citizen.id, this.superToken));
		assertThat(disclosed.size()).as("who saw the number in full is recorded").isEqualTo(1);
		assertThat(disclosed.toString()).doesNotContain(NATIONAL_ID);
	}

	@Test
	void legacyClaimsOfPersonalIdNumbersAreShownMaskedAndFoundByTheirNumber() throws Exception {
		Citizen verified = citizen(true);
		Citizen imported = citizen(false);
		// What the import writes for an account whose legacy record held a number.
		this.server.jdbc().sql("""
				insert into unverified_personal_id (realm, person_id, personal_id, source, recorded_at)
				values ('haiphong', ?, ?, 'import', ?)""")
			.params(imported.id, NATIONAL_ID, Timestamp.from(Instant.now()))
			.update();
		try {
			JsonNode found = body(get("/admin/api/realms/haiphong/people?nationalId=" + NATIONAL_ID, this.helpdeskToken));
			assertThat(found.findValuesAsString("id")).as("the verified holder first, then the claimant")
				.containsExactly(verified.id, imported.id);
			assertThat(found.get(1).path("nationalId").isNull()).as("a claim is not a verified number").isTrue();
			assertThat(found.get(1).path("legacyNationalId").asString()).isEqualTo("031*******89");

			HttpResponse<String> detail = get("/admin/api/realms/haiphong/people/" + imported.id, this.helpdeskToken);
			assertThat(detail.body()).doesNotContain(NATIONAL_ID);
			JsonNode claim = body(detail).path("legacyPersonalId");
			assertThat(claim.path("nationalId").asString()).isEqualTo("031*******89");
			assertThat(claim.path("source").asString()).isEqualTo("import");
			assertThat(claim.path("check").asString()).isEqualTo("UNCHECKED");
			assertThat(claim.path("checkedAt").isNull()).isTrue();
			assertThat(body(get("/admin/api/realms/haiphong/people/" + verified.id, this.helpdeskToken))
				.path("legacyClaimants")
				.toString()).as("the accounts that are likely the same human").isEqualTo("[\"" + imported.id + "\"]");

			JsonNode unmasked = body(get("/admin/api/realms/haiphong/people/" + imported.id, this.viewerToken));
			assertThat(unmasked.path("legacyPersonalId").path("nationalId").asString()).isEqualTo(NATIONAL_ID);
			assertThat(body(get("/admin/api/realms/haiphong/audit?type=ADMIN_PERSONAL_ID_VIEW&person=" + imported.id,
					this.superToken)).size()).as("a claim shown in full is a disclosure too").isEqualTo(1);
		}
		finally {
			this.server.jdbc().sql("delete from unverified_personal_id where person_id = ?").param(imported.id).update();
		}
	}

	@Test
	void anAuditorReadsAndExportsTheAuditTrailButCannotWriteAnything() throws Exception {
		Citizen citizen = citizen(true);
		String people = "/admin/api/realms/haiphong/people/" + citizen.id;
		List<String> writes = List.of(people + "/disable", people + "/enable", people + "/unlock",
				people + "/sign-out", people + "/links/vneid/unlink", "/admin/api/realms/haiphong/keys/rotate",
				"/admin/api/realms/haiphong/keys/any/retire", "/admin/api/realms/haiphong/link-conflicts/1/resolve");
		for (String write : writes) {
			String body = write.endsWith("/unlink") ? "{\"reason\":\"x\"}"
					: write.endsWith("/resolve") ? "{\"note\":\"x\"}" : null;
			assertThat(post(write, this.auditorToken, body).statusCode()).as(write).isEqualTo(403);
		}
		assertThat(get(people, this.auditorToken).statusCode()).as("no people access").isEqualTo(403);
		HttpResponse<String> events = get("/admin/api/realms/haiphong/audit?limit=5", this.auditorToken);
		assertThat(events.statusCode()).isEqualTo(200);
		assertThat(body(events).isArray()).isTrue();
		assertThat(body(events).size()).isBetween(1, 5);
		HttpResponse<String> export = get("/admin/api/realms/haiphong/audit/export?type=LOGIN", this.auditorToken);
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/jsonl");
		String[] lines = export.body().split("\n");
		assertThat(lines.length).isGreaterThanOrEqualTo(1);
		for (String line : lines) {
			JsonNode event = this.json.readTree(line);
			assertThat(event.path("type").asString()).isEqualTo("LOGIN");
			assertThat(event.path("realm").asString()).isEqualTo("haiphong");
		}
		assertThat(get("/admin/api/realms/staff/audit", this.auditorToken).statusCode()).as("auditor of haiphong only")
			.isEqualTo(403);
	}

	@Test
	void aRoleTakenAwayAppliesAtTheNextRequest() throws Exception {
		String id = createAdministrator("temporary", "[{\"role\":\"helpdesk\",\"realm\":\"haiphong\"}]");
		String token = this.signIn.accessToken("temporary@admin.example.vn", PASSWORD);
		assertThat(get("/admin/api/realms/haiphong/people?name=anyone", token).statusCode()).isEqualTo(200);
		HttpResponse<String> changed = send("PUT", "/admin/api/administrators/" + id + "/roles", this.superToken,
				"{\"roles\":[{\"role\":\"auditor\",\"realm\":\"haiphong\"}]}");
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
		assertThat(get("/admin/api/realms/haiphong/people?name=anyone", token).statusCode()).isEqualTo(403);
		assertThat(get("/admin/api/realms/haiphong/audit?limit=1", token).statusCode()).isEqualTo(200);
		JsonNode event = body(get("/admin/api/realms/admin/audit?type=ADMIN_ROLES_CHANGE&person=" + id,
				this.superToken)).get(0);
		assertThat(event.path("details").path("before").asString()).contains("helpdesk");
		assertThat(event.path("details").path("after").asString()).contains("auditor");
	}

	@Test
	void onlySuperAdminsManageAdministratorsAndBadRolesAreReportedByField() throws Exception {
		String body = "{\"email\":\"x@admin.example.vn\",\"password\":\"" + PASSWORD + "\",\"roles\":[]}";
		assertThat(post("/admin/api/administrators", this.staffAdminToken, body).statusCode()).isEqualTo(403);
		assertThat(get("/admin/api/administrators", this.helpdeskToken).statusCode()).isEqualTo(403);
		HttpResponse<String> invalid = post("/admin/api/administrators", this.superToken,
				"{\"email\":\"not-an-address\",\"password\":\"short\",\"roles\":[{\"role\":\"helpdesk\"},"
						+ "{\"role\":\"super-admin\",\"realm\":\"staff\"},{\"role\":\"owner\",\"realm\":\"staff\"}]}");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(body(invalid).findValuesAsString("field")).containsExactly("email", "password", "roles[0].realm",
				"roles[1].realm", "roles[2].role");
		assertThat(invalid.body()).doesNotContain("short");
		HttpResponse<String> taken = post("/admin/api/administrators", this.superToken,
				"{\"email\":\"" + SUPER_EMAIL + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[]}");
		assertThat(taken.statusCode()).isEqualTo(409);
		String superId = body(get("/admin/api/me", this.superToken)).path("subject").asString();
		HttpResponse<String> last = send("PUT", "/admin/api/administrators/" + superId + "/roles", this.superToken,
				"{\"roles\":[]}");
		assertThat(last.statusCode()).isEqualTo(409);
		assertThat(body(last).path("type").asString()).endsWith("/last-super-admin");
		JsonNode administrators = body(get("/admin/api/administrators", this.superToken));
		assertThat(administrators.findValuesAsString("email")).contains(SUPER_EMAIL, "helpdesk@admin.example.vn");
		JsonNode created = body(get("/admin/api/realms/admin/audit?type=ADMIN_ADMINISTRATOR_CREATE&person="
				+ this.helpdeskId, this.superToken)).get(0);
		assertThat(created.toString()).doesNotContain(PASSWORD);
	}

	// ----- what administrators do -----

	@Test
	void forceSignOutEndsTheSsoSessionRevokesRefreshTokensAndTellsTheClients() throws Exception {
		Citizen citizen = citizen(false);
		try (Browser browser = new Browser()) {
			CodeVerifier verifier = new CodeVerifier();
			URI callback = browser.authorize(citizenRequest(verifier), "http://localhost/app-a/callback",
					citizen.email, CITIZEN_PASSWORD);
			OIDCTokenResponse tokens = exchange(callback, verifier);
			RefreshToken refresh = tokens.getOIDCTokens().getRefreshToken();
			String sid = tokens.getOIDCTokens().getIDToken().getJWTClaimsSet().getStringClaim("sid");

			JsonNode sessions = body(get("/admin/api/realms/haiphong/people/" + citizen.id + "/sessions",
					this.helpdeskToken));
			assertThat(sessions.size()).isEqualTo(1);
			assertThat(sessions.get(0).path("sid").asString()).isEqualTo(sid);
			assertThat(sessions.get(0).path("clients").get(0).asString()).isEqualTo("app-a");

			HttpResponse<String> signOut = post("/admin/api/realms/haiphong/people/" + citizen.id + "/sign-out",
					this.helpdeskToken, null);
			assertThat(signOut.statusCode()).as(signOut.body()).isEqualTo(200);
			assertThat(body(signOut).path("sessionsEnded").get(0).asString()).isEqualTo(sid);
			assertThat(body(signOut).path("grantsRevoked").asInt()).isEqualTo(1);

			assertThat(body(get("/admin/api/realms/haiphong/people/" + citizen.id + "/sessions", this.helpdeskToken))
				.size()).isZero();
			TokenResponse refreshed = OIDCTokenResponseParser.parse(new TokenRequest(
					this.server.uri("/realms/haiphong/protocol/openid-connect/token"), appA(),
					new RefreshTokenGrant(refresh)).toHTTPRequest().send());
			assertThat(refreshed.indicatesSuccess()).as("the refresh token is revoked").isFalse();
			assertThat(this.http.send(HttpRequest.newBuilder(this.server.uri("/realms/haiphong/protocol/openid-connect/userinfo"))
				.header("Authorization", "Bearer " + tokens.getOIDCTokens().getAccessToken().getValue()).build(),
					HttpResponse.BodyHandlers.ofString()).statusCode()).as("so is the access token").isEqualTo(401);
			// The browser's SSO cookie no longer signs anyone in: the sign-in page comes back.
			Page again = browser.open(citizenRequest(new CodeVerifier()));
			assertThat(again.getWebResponse().getResponseHeaderValue("Location")).contains("/login");
			waitFor(() -> LogoutReceivers.received("app-a").stream().anyMatch((t) -> t.contains(".")));
		}
		JsonNode audit = body(get("/admin/api/realms/haiphong/audit?type=ADMIN_PERSON_SIGN_OUT&person=" + citizen.id,
				this.auditorToken));
		assertThat(audit.size()).isEqualTo(1);
		assertThat(audit.get(0).path("actor").asString()).isEqualTo("admin:" + this.helpdeskId);
		assertThat(audit.get(0).path("person").asString()).isEqualTo(citizen.id);
		assertThat(audit.get(0).path("details").path("grantsRevoked").asString()).isEqualTo("1");
	}

	@Test
	void unlockClearsTheSignInThrottleOfTheAccount() throws Exception {
		Citizen citizen = citizen(false);
		LoginThrottle throttle = this.server.bean(LoginThrottle.class);
		for (int i = 0; i < 12; i++) {
			throttle.recordFailure("haiphong", citizen.email, "198.51.100." + i);
		}
		JsonNode before = body(get("/admin/api/realms/haiphong/people/" + citizen.id, this.helpdeskToken));
		assertThat(before.path("locked").asBoolean()).isTrue();
		assertThat(before.path("lockedForSeconds").asLong()).isGreaterThan(60);
		try (Browser browser = new Browser()) {
			Page page = browser.open(citizenRequest(new CodeVerifier()));
			HtmlPage login = (HtmlPage) browser.open(absolute(page.getWebResponse().getResponseHeaderValue("Location")));
			Page refused = Browser.signIn(login, citizen.email, CITIZEN_PASSWORD);
			assertThat(refused.getWebResponse().getResponseHeaderValue("Location")).as("throttled: no sign-in").isNull();
		}
		HttpResponse<String> unlocked = post("/admin/api/realms/haiphong/people/" + citizen.id + "/unlock",
				this.helpdeskToken, null);
		assertThat(unlocked.statusCode()).isEqualTo(200);
		assertThat(body(unlocked).path("locked").asBoolean()).isFalse();
		try (Browser browser = new Browser()) {
			URI callback = browser.authorize(citizenRequest(new CodeVerifier()), "http://localhost/app-a/callback",
					citizen.email, CITIZEN_PASSWORD);
			assertThat(callback.getQuery()).contains("code=");
		}
		JsonNode audit = body(get("/admin/api/realms/haiphong/audit?type=ADMIN_PERSON_UNLOCK&person=" + citizen.id,
				this.superToken));
		assertThat(audit.get(0).path("details").path("before").asString()).contains("\"locked\":true");
	}

	@Test
	void unlinkNeedsAReasonEndsTheSessionsAndIsAuditedWithTheNumberMasked() throws Exception {
		Citizen citizen = citizen(true);
		OIDCTokenResponse tokens = citizenSignIn(citizen);
		String unlink = "/admin/api/realms/haiphong/people/" + citizen.id + "/links/vneid/unlink";
		HttpResponse<String> noBody = post(unlink, this.superToken, null);
		assertThat(noBody.statusCode()).isEqualTo(400);
		assertThat(body(noBody).path("errors").get(0).path("field").asString()).isEqualTo("reason");
		HttpResponse<String> blank = post(unlink, this.superToken, "{\"reason\":\"   \"}");
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(body(blank).path("type").asString()).isEqualTo("https://hpid.haiphong.gov.vn/problems/validation");
		assertThat(body(get("/admin/api/realms/haiphong/people/" + citizen.id, this.superToken)).path("links").size())
			.as("nothing changed").isEqualTo(1);
		assertThat(post("/admin/api/realms/haiphong/people/" + citizen.id + "/links/dvcqg/unlink", this.superToken,
				"{\"reason\":\"x\"}").statusCode()).isEqualTo(404);

		HttpResponse<String> done = post(unlink, this.superToken,
				"{\"reason\":\"Người dân báo tài khoản VNeID bị người khác liên kết\"}");
		assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
		assertThat(body(done).path("links").size()).isZero();
		assertThat(body(done).path("nationalId").isNull()).isTrue();
		assertThat(OIDCTokenResponseParser.parse(new TokenRequest(
				this.server.uri("/realms/haiphong/protocol/openid-connect/token"), appA(),
				new RefreshTokenGrant(tokens.getOIDCTokens().getRefreshToken())).toHTTPRequest().send())
			.indicatesSuccess()).as("tokens issued with the identity end with it").isFalse();

		JsonNode event = body(get("/admin/api/realms/haiphong/audit?type=ADMIN_PERSON_UNLINK&person=" + citizen.id,
				this.auditorToken)).get(0);
		assertThat(event.path("details").path("reason").asString()).startsWith("Người dân báo");
		assertThat(event.path("details").path("grantsRevoked").asString()).isEqualTo("1");
		assertThat(event.path("details").path("before").asString()).contains("031*******89");
		assertThat(event.toString()).doesNotContain(NATIONAL_ID);
	}

	@Test
	void disableStopsSignInsAndEndsSessionsAndEnableUndoesIt() throws Exception {
		Citizen citizen = citizen(false);
		OIDCTokenResponse tokens = citizenSignIn(citizen);
		HttpResponse<String> disabled = post("/admin/api/realms/haiphong/people/" + citizen.id + "/disable",
				this.superToken, null);
		assertThat(disabled.statusCode()).isEqualTo(200);
		assertThat(body(disabled).path("status").asString()).isEqualTo("DISABLED");
		assertThat(OIDCTokenResponseParser.parse(new TokenRequest(
				this.server.uri("/realms/haiphong/protocol/openid-connect/token"), appA(),
				new RefreshTokenGrant(tokens.getOIDCTokens().getRefreshToken())).toHTTPRequest().send()).indicatesSuccess())
			.isFalse();
		try (Browser browser = new Browser()) {
			Page page = browser.open(citizenRequest(new CodeVerifier()));
			HtmlPage login = (HtmlPage) browser.open(absolute(page.getWebResponse().getResponseHeaderValue("Location")));
			assertThat(Browser.signIn(login, citizen.email, CITIZEN_PASSWORD).getWebResponse()
				.getResponseHeaderValue("Location")).isNull();
		}
		JsonNode event = body(get("/admin/api/realms/haiphong/audit?type=ADMIN_PERSON_DISABLE&person=" + citizen.id,
				this.superToken)).get(0);
		assertThat(event.path("details").path("before").asString()).contains("\"status\":\"ACTIVE\"");
		assertThat(event.path("details").path("after").asString()).contains("\"status\":\"DISABLED\"");
		assertThat(post("/admin/api/realms/haiphong/people/" + citizen.id + "/enable", this.superToken, null).statusCode())
			.isEqualTo(200);
		assertThat(citizenSignIn(citizen).indicatesSuccess()).isTrue();
	}

	@Test
	void searchFindsPeopleByEveryIdentifierAndRejectsBadQueriesWithTheirField() throws Exception {
		Citizen citizen = citizen(true);
		for (String query : List.of("nationalId=" + NATIONAL_ID, "email=" + citizen.email.toUpperCase(),
				"phone=" + citizen.phone, "name=Tr%E1%BA%A7n%20Th%E1%BB%8B", "q=" + citizen.email)) {
			JsonNode found = body(get("/admin/api/realms/haiphong/people?" + query, this.superToken));
			assertThat(found.findValuesAsString("id")).as(query).contains(citizen.id);
		}
		HttpResponse<String> badNumber = get("/admin/api/realms/haiphong/people?nationalId=12345", this.superToken);
		assertThat(badNumber.statusCode()).isEqualTo(400);
		assertThat(body(badNumber).path("errors").get(0).path("field").asString()).isEqualTo("nationalId");
		HttpResponse<String> badLimit = get("/admin/api/realms/haiphong/people?name=ab&limit=abc", this.superToken);
		assertThat(badLimit.statusCode()).isEqualTo(400);
		assertThat(body(badLimit).path("errors").get(0).path("field").asString()).isEqualTo("limit");
		HttpResponse<String> nothing = get("/admin/api/realms/haiphong/people", this.superToken);
		assertThat(nothing.statusCode()).isEqualTo(400);
		assertThat(get("/admin/api/realms/haiphong/people/no-such-person", this.superToken).statusCode())
			.isEqualTo(404);
	}

	@Test
	void badBodiesAreProblemDetailsWithTheFieldPath() throws Exception {
		Citizen citizen = citizen(true);
		String unlink = "/admin/api/realms/haiphong/people/" + citizen.id + "/links/vneid/unlink";
		HttpResponse<String> malformed = post(unlink, this.superToken, "{\"reason\": ");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(body(malformed).path("type").asString()).isEqualTo("https://hpid.haiphong.gov.vn/problems/malformed-json");
		HttpResponse<String> wrongType = post(unlink, this.superToken, "{\"reason\": {\"text\": \"x\"}}");
		assertThat(wrongType.statusCode()).isEqualTo(400);
		assertThat(body(wrongType).path("errors").get(0).path("field").asString()).isEqualTo("reason");
		HttpResponse<String> unknown = post(unlink, this.superToken, "{\"reason\": \"x\", \"reasn\": \"y\"}");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(body(unknown).path("errors").get(0).path("field").asString()).isEqualTo("reasn");
		assertThat(body(unknown).path("errors").get(0).path("reason").asString()).isEqualTo("unknown field");
		HttpResponse<String> badTime = get("/admin/api/realms/haiphong/audit?from=yesterday&to=2020-01-01T00:00:00Z",
				this.superToken);
		assertThat(badTime.statusCode()).isEqualTo(400);
		assertThat(body(badTime).path("errors").get(0).path("field").asString()).isEqualTo("from");
		assertThat(body(get("/admin/api/realms/haiphong/people/" + citizen.id, this.superToken)).path("links").size())
			.as("nothing changed").isEqualTo(1);
	}

	@Test
	void keysRotateAndTheSigningKeyCannotBeRetired() throws Exception {
		JsonNode before = body(get("/admin/api/realms/staff/keys", this.superToken));
		String active = null;
		for (JsonNode key : before) {
			if (key.path("state").asString().equals("ACTIVE")) {
				active = key.path("kid").asString();
			}
		}
		assertThat(active).isNotNull();
		assertThat(before.toString()).doesNotContain("\"d\"").doesNotContain("private");
		HttpResponse<String> refused = post("/admin/api/realms/staff/keys/" + active + "/retire", this.superToken, null);
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(body(refused).path("type").asString()).endsWith("/key-not-retirable");
		HttpResponse<String> rotated = post("/admin/api/realms/staff/keys/rotate", this.superToken, null);
		assertThat(rotated.statusCode()).isEqualTo(201);
		String next = body(rotated).path("kid").asString();
		assertThat(body(rotated).path("state").asString()).isEqualTo("PUBLISHED");
		assertThat(body(get("/admin/api/realms/staff/keys", this.superToken)).size()).isEqualTo(before.size() + 1);
		// Retiring the successor before it signs cancels the rotation: the current key stays.
		HttpResponse<String> cancelled = post("/admin/api/realms/staff/keys/" + next + "/retire", this.superToken, null);
		assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
		for (JsonNode key : body(get("/admin/api/realms/staff/keys", this.superToken))) {
			if (key.path("kid").asString().equals(active)) {
				assertThat(key.path("state").asString()).isEqualTo("ACTIVE");
				assertThat(key.path("retiredAt").isNull()).isTrue();
			}
		}
		JsonNode audit = body(get("/admin/api/realms/staff/audit?type=ADMIN_KEY_ROTATE", this.superToken));
		assertThat(audit.get(0).path("details").path("after").asString()).contains(next);
	}

	@Test
	void theLinkConflictQueueListsAndResolves() throws Exception {
		Citizen holder = citizen(true);
		Citizen other = citizen(false);
		this.server.jdbc().sql("""
				insert into identity_link_conflict (at, realm, person_id, holder_person_id, provider,
				    personal_id_masked, ip_address, status)
				values (?, 'haiphong', ?, ?, 'vneid', '031*******89', '203.0.113.9', 'OPEN')""")
			.params(Timestamp.from(Instant.now()), other.id, holder.id)
			.update();
		JsonNode open = body(get("/admin/api/realms/haiphong/link-conflicts", this.superToken));
		JsonNode conflict = null;
		for (JsonNode c : open) {
			if (c.path("personId").asString().equals(other.id)) {
				conflict = c;
			}
		}
		assertThat(conflict).isNotNull();
		String resolve = "/admin/api/realms/haiphong/link-conflicts/" + conflict.path("id").asLong() + "/resolve";
		assertThat(post(resolve, this.superToken, "{}").statusCode()).isEqualTo(400);
		HttpResponse<String> resolved = post(resolve, this.superToken, "{\"note\":\"Hai tài khoản của cùng một người\"}");
		assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
		assertThat(body(resolved).path("status").asString()).isEqualTo("RESOLVED");
		assertThat(post(resolve, this.superToken, "{\"note\":\"again\"}").statusCode()).isEqualTo(409);
	}

	// ----- the OpenAPI document -----

	@Test
	void everyMappedAdminRouteIsInTheOpenApiDocument() throws Exception {
		HttpResponse<String> response = get("/admin/api/openapi.json", null);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode document = body(response);
		assertThat(document.path("openapi").asString()).startsWith("3.1");
		JsonNode paths = document.path("paths");
		var mappings = this.server.bean("requestMappingHandlerMapping",
				org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping.class)
			.getHandlerMethods()
			.keySet();
		List<String> routes = new ArrayList<>();
		for (var mapping : mappings) {
			for (String pattern : mapping.getPatternValues()) {
				if (!pattern.startsWith("/admin/api/") || pattern.equals("/admin/api/**")) {
					continue;
				}
				for (var method : mapping.getMethodsCondition().getMethods()) {
					routes.add(method.name() + " " + pattern);
					assertThat(paths.has(pattern)).as("documented path " + pattern).isTrue();
					assertThat(paths.path(pattern).has(method.name().toLowerCase(java.util.Locale.ROOT)))
						.as("documented operation " + method + " " + pattern).isTrue();
				}
				assertThat(mapping.getMethodsCondition().getMethods()).as("every route names its method: " + pattern)
					.isNotEmpty();
			}
		}
		assertThat(routes).contains("GET /admin/api/me", "POST /admin/api/realms/{realm}/people/{id}/sign-out",
				"GET /admin/api/realms/{realm}/audit/export");
		// The contract's client routes are described too.
		assertThat(paths.has("/admin/api/realms/{realm}/clients/{clientId}/secret")).isTrue();
	}

	// ----- set-up helpers -----

	record Citizen(String id, String email, String phone) {
	}

	/** A person of the realm haiphong with a password, and optionally the VNeID link of NATIONAL_ID. */
	Citizen citizen(boolean linked) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String phone = "+8491" + String.format("%07d", Math.abs(suffix.hashCode()) % 10_000_000);
		PersonStore people = this.server.bean(PersonStore.class);
		Person person = people.create("haiphong", Optional.of("dan-" + suffix + "@example.vn"), Optional.of(phone),
				Optional.of("Trần Thị " + suffix), this.server.bean(PasswordHasher.class).hash(CITIZEN_PASSWORD));
		if (linked) {
			this.server.jdbc().sql("delete from verified_identity where realm = 'haiphong' and personal_id = ?")
				.param(NATIONAL_ID)
				.update();
			Timestamp now = Timestamp.from(Instant.now());
			this.server.jdbc().sql("""
					insert into verified_identity (realm, person_id, personal_id, provider, kind, full_name, level,
					    linked_at, refreshed_at)
					values ('haiphong', ?, ?, 'vneid', 'CITIZEN', ?, 'HIGH', ?, ?)""")
				.params(person.id(), NATIONAL_ID, "Trần Thị " + suffix, now, now)
				.update();
		}
		return new Citizen(person.id(), person.email().orElseThrow(), person.phone().orElseThrow());
	}

	/** Creates an administrator through the API, as a super-admin does; returns their id. */
	String createAdministrator(String name, String rolesJson) throws Exception {
		HttpResponse<String> created = post("/admin/api/administrators", this.superToken, "{\"email\":\"" + name
				+ "@admin.example.vn\",\"displayName\":\"" + name + "\",\"password\":\"" + PASSWORD
				+ "\",\"roles\":" + rolesJson + "}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return body(created).path("id").asString();
	}

	/** Creates an administrator and signs them in (enrolling their one-time code); returns their token. */
	String administrator(String name, String rolesJson) throws Exception {
		createAdministrator(name, rolesJson);
		return this.signIn.accessToken(name + "@admin.example.vn", PASSWORD);
	}

	String status(String personId) {
		return this.server.jdbc().sql("select status from person where id = ?").param(personId).query(String.class)
			.single();
	}

	URI citizenRequest(CodeVerifier verifier) {
		return new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid"), new ClientID("app-a"),
				URI.create("http://localhost/app-a/callback"))
			.endpointURI(this.server.uri("/realms/haiphong/protocol/openid-connect/auth"))
			.state(new State())
			.codeChallenge(verifier, CodeChallengeMethod.S256)
			.build()
			.toURI();
	}

	OIDCTokenResponse citizenSignIn(Citizen citizen) throws Exception {
		try (Browser browser = new Browser()) {
			CodeVerifier verifier = new CodeVerifier();
			URI callback = browser.authorize(citizenRequest(verifier), "http://localhost/app-a/callback", citizen.email,
					CITIZEN_PASSWORD);
			return exchange(callback, verifier);
		}
	}

	OIDCTokenResponse exchange(URI callback, CodeVerifier verifier) throws Exception {
		var code = AuthorizationResponse.parse(callback).toSuccessResponse().getAuthorizationCode();
		TokenResponse response = OIDCTokenResponseParser.parse(new TokenRequest(
				this.server.uri("/realms/haiphong/protocol/openid-connect/token"), appA(),
				new AuthorizationCodeGrant(code, URI.create("http://localhost/app-a/callback"), verifier))
			.toHTTPRequest()
			.send());
		assertThat(response.indicatesSuccess()).isTrue();
		return (OIDCTokenResponse) response.toSuccessResponse();
	}

	static ClientSecretBasic appA() {
		return new ClientSecretBasic(new ClientID("app-a"), new Secret(HpidServer.APP_A_SECRET));
	}

	String absolute(String location) {
		return location.startsWith("http") ? location : this.server.base() + location;
	}

	static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
		for (int i = 0; i < 50 && !condition.getAsBoolean(); i++) {
			Thread.sleep(100);
		}
		assertThat(condition.getAsBoolean()).isTrue();
	}

	HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.server.uri(path)).timeout(Duration.ofSeconds(10));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void withoutThePermissionAnyBodyGets403NotAnErrorAboutTheBody() throws Exception {
		// Helpdesk of haiphong may write none of these. What they send — an unknown field,
		// broken JSON, nothing — must not matter: 403, audited, before the body is read.
		List<String[]> writes = List.of(
				new String[] { "POST", "/admin/api/realms/haiphong/clients" },
				new String[] { "PUT", "/admin/api/realms/haiphong/clients/portal" },
				new String[] { "POST", "/admin/api/realms/haiphong/people/someone/links/vneid/unlink" },
				new String[] { "POST", "/admin/api/realms/haiphong/link-conflicts/1/resolve" },
				new String[] { "POST", "/admin/api/administrators" },
				new String[] { "PUT", "/admin/api/administrators/someone/roles" });
		for (String[] write : writes) {
			for (String body : java.util.Arrays.asList("{\"unknownField\": 1}", "{ not json", null)) {
				HttpResponse<String> response = send(write[0], write[1], this.helpdeskToken, body);
				assertThat(response.statusCode()).as(write[0] + " " + write[1] + " " + body).isEqualTo(403);
				assertThat(body(response).path("type").asString())
					.isEqualTo("https://hpid.haiphong.gov.vn/problems/forbidden");
			}
		}
		JsonNode denied = body(get("/admin/api/realms/haiphong/audit?type=ADMIN_ACCESS_DENIED", this.superToken));
		assertThat(denied.findValuesAsString("permission")).contains("CLIENTS_WRITE", "PEOPLE_WRITE",
				"CONFLICTS_WRITE");
		// With the permission, the body is read and judged as before.
		HttpResponse<String> unknownField = post("/admin/api/realms/haiphong/clients", this.superToken,
				"{\"unknownField\": 1}");
		assertThat(unknownField.statusCode()).isEqualTo(400);
	}

	HttpResponse<String> post(String path, String token, String body) throws Exception {
		return send("POST", path, token, body);
	}

	HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.server.uri(path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	JsonNode body(HttpResponse<String> response) {
		return this.json.readTree(response.body());
	}

}
