package vn.haiphong.hpid.oidc;

import java.io.StringReader;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import vn.haiphong.hpid.clients.ClientCatalog;
import vn.haiphong.hpid.clients.ManagedBy;
import vn.haiphong.hpid.clients.StoredClient;
import vn.haiphong.hpid.realm.ClientRegistration;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmFileParser;
import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.web.SecurityHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Which origin may read which protocol endpoint's answer: public documents any, the token,
 * userinfo and revocation endpoints only the origins the realm's clients registered, and
 * only the named client's when the request names one.
 */
class ProtocolCorsTest {

	private static final String BASE = "/realms/unit/protocol/openid-connect";

	private static final String SPA = "https://spa.example";

	private static final String OTHER_APP = "https://other.example";

	private static final String DISABLED_APP = "https://disabled.example";

	private static final Realm REALM = new RealmFileParser().parse("unit.yaml", new StringReader("""
			realm: unit
			displayName: { vi: Thử }
			clients:
			  - clientId: spa
			    type: public
			    redirectUris: [https://spa.example/callback]
			    webOrigins: [https://spa.example]
			  - clientId: other
			    type: public
			    redirectUris: [https://other.example/callback]
			    webOrigins: [https://other.example]
			  - clientId: disabled
			    type: public
			    redirectUris: [https://disabled.example/callback]
			    webOrigins: [https://disabled.example]
			  - clientId: backend
			    type: confidential
			    secret: ${env:BACKEND_SECRET}
			    redirectUris: [https://backend.example/callback]
			"""));

	private static final ClientCatalog.Snapshot SNAPSHOT = snapshotOf(REALM);

	private final ProtocolCors cors = new ProtocolCors(new RealmRegistry(List.of(REALM), false),
			new RegisteredWebOrigins(() -> SNAPSHOT), new SecurityHeaders(List.of(REALM)));

	// ----- no Origin: untouched -----

	@Test
	void aRequestWithoutAnOriginPassesWithoutCorsHeaders() throws Exception {
		MockHttpServletRequest request = post(BASE + "/token", null);
		request.addParameter("client_id", "spa");

		Answer answer = run(request);

		assertThat(answer.passedOn()).isTrue();
		assertThat(answer.response().getHeaderNames()).isEmpty();
	}

	// ----- public documents -----

	@Test
	void discoveryAndCertsAreReadableFromAnyOrigin() throws Exception {
		for (String path : List.of("/realms/unit/.well-known/openid-configuration", BASE + "/certs",
				"/.well-known/oauth-authorization-server/realms/unit")) {
			Answer answer = run(get(path, "https://anyone.example"));

			assertThat(answer.passedOn()).as(path).isTrue();
			assertThat(answer.response().getHeader("Access-Control-Allow-Origin")).as(path).isEqualTo("*");
			assertThat(answer.response().getHeader("Vary")).as(path).isNull();
			assertThat(answer.response().getHeader("Access-Control-Allow-Credentials")).as(path).isNull();
		}
	}

	@Test
	void aPreflightForAPublicDocumentIsAnsweredForAnyOrigin() throws Exception {
		Answer answer = run(preflight(BASE + "/certs", "https://anyone.example", "GET"));

		assertThat(answer.passedOn()).isFalse();
		assertThat(answer.response().getStatus()).isEqualTo(204);
		assertThat(answer.response().getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
		assertThat(answer.response().getHeader("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD");
	}

	// ----- token and revocation: the named client's origins -----

	@Test
	void theTokenEndpointNamesBackAnOriginItsClientRegistered() throws Exception {
		MockHttpServletRequest request = post(BASE + "/token", SPA);
		request.addParameter("client_id", "spa");

		Answer answer = run(request);

		assertThat(answer.passedOn()).isTrue();
		assertThat(answer.response().getHeader("Access-Control-Allow-Origin")).isEqualTo(SPA);
		assertThat(answer.response().getHeaders("Vary")).containsExactly("Origin");
		assertThat(answer.response().getHeader("Access-Control-Expose-Headers")).isEqualTo("WWW-Authenticate");
		assertThat(answer.response().getHeader("Access-Control-Allow-Credentials")).isNull();
	}

	@Test
	void anOriginOfAnotherClientCannotReadTheNamedClientsAnswer() throws Exception {
		for (String path : List.of(BASE + "/token", BASE + "/revoke")) {
			MockHttpServletRequest request = post(path, OTHER_APP);
			request.addParameter("client_id", "spa");

			Answer answer = run(request);

			assertThat(answer.passedOn()).as("the endpoint still answers; the browser hides it").isTrue();
			assertThat(answer.response().getHeader("Access-Control-Allow-Origin")).as(path).isNull();
			assertThat(answer.response().getHeaders("Vary")).as(path).containsExactly("Origin");
		}
	}

	@Test
	void aClientThatRegisteredNoOriginIsNeverReadCrossOrigin() throws Exception {
		MockHttpServletRequest request = post(BASE + "/revoke", SPA);
		request.addParameter("client_id", "backend");

		assertThat(run(request).response().getHeader("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void aRequestThatDoesNotNameItsClientIsAllowedForTheRealmsOrigins() throws Exception {
		MockHttpServletRequest request = post(BASE + "/token", OTHER_APP);
		request.addHeader("Authorization", "Basic c3BhOnNlY3JldA==");

		assertThat(run(request).response().getHeader("Access-Control-Allow-Origin")).isEqualTo(OTHER_APP);
	}

	@Test
	void anOriginNoClientOfTheRealmRegisteredGetsNoCorsHeaders() throws Exception {
		for (String origin : List.of("https://evil.example", "null", "https://SPA.example", SPA + "/")) {
			MockHttpServletRequest request = post(BASE + "/token", origin);
			request.addParameter("client_id", "spa");

			Answer answer = run(request);

			assertThat(answer.passedOn()).isTrue();
			assertThat(answer.response().getHeader("Access-Control-Allow-Origin")).as(origin).isNull();
			assertThat(answer.response().getHeader("Access-Control-Expose-Headers")).as(origin).isNull();
		}
	}

	@Test
	void aDisabledClientsOriginsCountForNothing() throws Exception {
		MockHttpServletRequest request = post(BASE + "/token", DISABLED_APP);

		assertThat(run(request).response().getHeader("Access-Control-Allow-Origin")).isNull();
		assertThat(run(preflight(BASE + "/token", DISABLED_APP, "POST")).response().getStatus()).isEqualTo(403);
	}

	@Test
	void aFormTheServerWillNotReadStaysUnreadableForTheFilterThatRefusesIt() throws Exception {
		// Tomcat throws from the first read of such a form only; later reads see no parameters.
		IllegalStateException tooMany = new IllegalStateException("more than 100 parameters");
		MockHttpServletRequest request = new MockHttpServletRequest("POST", BASE + "/token") {

			private boolean read;

			@Override
			public String getParameter(String name) {
				if (!this.read) {
					this.read = true;
					throw tooMany;
				}
				return null;
			}

		};
		request.addHeader("Origin", SPA);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		this.cors.doFilter(request, response, chain);

		assertThat(catchThrowable(() -> chain.getRequest().getParameterMap())).isSameAs(tooMany);
		assertThat(catchThrowable(() -> chain.getRequest().getParameter("client_id"))).isSameAs(tooMany);
		assertThat(response.getHeader("Access-Control-Allow-Origin")).as("the realm's origins may read the 400")
			.isEqualTo(SPA);
	}

	// ----- userinfo: the access token's client -----

	@Test
	void userinfoIsReadableFromAnOriginOfTheAccessTokensClient() throws Exception {
		assertThat(userinfo(SPA, "Bearer " + accessToken("spa"))).isEqualTo(SPA);
		assertThat(userinfo(OTHER_APP, "Bearer " + accessToken("spa"))).isNull();
		assertThat(userinfo(OTHER_APP, "Bearer " + accessToken("backend"))).isNull();
	}

	@Test
	void userinfoWithoutAReadableTokenIsReadableFromTheRealmsOrigins() throws Exception {
		// The 401 that follows must reach the app, and says nothing about anyone.
		assertThat(userinfo(OTHER_APP, "Bearer not-a-jwt")).isEqualTo(OTHER_APP);
		assertThat(userinfo(OTHER_APP, "Bearer " + encryptedToken())).isEqualTo(OTHER_APP);
		assertThat(userinfo(OTHER_APP, null)).isEqualTo(OTHER_APP);
		assertThat(userinfo("https://evil.example", "Bearer not-a-jwt")).isNull();
	}

	// ----- preflights -----

	@Test
	void aPreflightFromAnOriginOfTheRealmIsAnsweredWithWhatTheEndpointServes() throws Exception {
		Map<String, String> methods = Map.of(BASE + "/token", "POST", BASE + "/revoke", "POST", BASE + "/userinfo",
				"GET, POST");
		for (Map.Entry<String, String> each : methods.entrySet()) {
			Answer answer = run(preflight(each.getKey(), OTHER_APP, "POST"));

			assertThat(answer.passedOn()).as(each.getKey()).isFalse();
			MockHttpServletResponse response = answer.response();
			assertThat(response.getStatus()).as(each.getKey()).isEqualTo(204);
			assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo(OTHER_APP);
			assertThat(response.getHeader("Access-Control-Allow-Methods")).isEqualTo(each.getValue());
			assertThat(response.getHeader("Access-Control-Allow-Headers")).isEqualTo("Authorization, Content-Type");
			assertThat(response.getHeader("Access-Control-Max-Age")).isEqualTo("3600");
			assertThat(response.getHeaders("Vary")).containsExactly("Origin");
			assertThat(response.getHeader("Access-Control-Allow-Credentials")).isNull();
			assertThat(response.getHeader("X-Content-Type-Options")).as("the security headers").isEqualTo("nosniff");
		}
	}

	@Test
	void aPreflightFromAnOriginNoClientRegisteredIsABare403() throws Exception {
		Answer answer = run(preflight(BASE + "/userinfo", "https://evil.example", "GET"));

		assertThat(answer.passedOn()).isFalse();
		assertThat(answer.response().getStatus()).isEqualTo(403);
		assertThat(answer.response().getContentAsString()).isEmpty();
		assertThat(answer.response().getHeaderNames()).noneMatch((name) -> name.startsWith("Access-Control-"));
	}

	// ----- what gets no CORS at all -----

	@Test
	void introspectionPagesAndUnknownRealmsGetNoCorsHeaders() throws Exception {
		for (String path : List.of(BASE + "/token/introspect", BASE + "/auth", BASE + "/logout",
				"/realms/unit/login", "/realms/nowhere/protocol/openid-connect/token")) {
			Answer actual = run(post(path, SPA));
			Answer preflight = run(preflight(path, SPA, "POST"));

			assertThat(actual.passedOn()).as(path).isTrue();
			assertThat(actual.response().getHeaderNames()).as(path).isEmpty();
			assertThat(preflight.passedOn()).as("a preflight to %s is left to the endpoint", path).isTrue();
			assertThat(preflight.response().getHeaderNames()).as(path).isEmpty();
		}
	}

	// ----- helpers -----

	private record Answer(MockHttpServletResponse response, boolean passedOn) {
	}

	private Answer run(MockHttpServletRequest request) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.cors.doFilter(request, response, chain);
		return new Answer(response, chain.getRequest() != null);
	}

	private String userinfo(String origin, String authorization) throws Exception {
		MockHttpServletRequest request = get(BASE + "/userinfo", origin);
		if (authorization != null) {
			request.addHeader("Authorization", authorization);
		}
		return run(request).response().getHeader("Access-Control-Allow-Origin");
	}

	/** The claims decide here; the signature is userinfo's business, after this filter. */
	private static String accessToken(String clientId) {
		return new PlainJWT(new JWTClaimsSet.Builder().subject("someone").claim("client_id", clientId).build())
			.serialize();
	}

	/** A JWE: its claims cannot be read without the key, which hpid does not have. */
	private static String encryptedToken() {
		String header = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return header + ".a2V5.aXY.Y2lwaGVy.dGFn";
	}

	private static MockHttpServletRequest get(String path, String origin) {
		return request("GET", path, origin);
	}

	private static MockHttpServletRequest post(String path, String origin) {
		MockHttpServletRequest request = request("POST", path, origin);
		request.setContentType("application/x-www-form-urlencoded");
		return request;
	}

	private static MockHttpServletRequest preflight(String path, String origin, String method) {
		MockHttpServletRequest request = request("OPTIONS", path, origin);
		request.addHeader("Access-Control-Request-Method", method);
		request.addHeader("Access-Control-Request-Headers", "authorization");
		return request;
	}

	private static MockHttpServletRequest request(String method, String path, String origin) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		if (origin != null) {
			request.addHeader("Origin", origin);
		}
		return request;
	}

	/** The catalog's snapshot of the realm's clients; {@code disabled} is switched off. */
	private static ClientCatalog.Snapshot snapshotOf(Realm realm) {
		Map<String, ClientCatalog.Entry> entries = new HashMap<>();
		for (ClientRegistration client : realm.clients()) {
			StoredClient row = new StoredClient(realm.name(), client.clientId(), "{}",
					!client.clientId().equals("disabled"), Optional.empty(), ManagedBy.CONFIG, 1, Instant.EPOCH,
					Instant.EPOCH);
			entries.put(ClientCatalog.key(realm.name(), client.clientId()), new ClientCatalog.Entry(row, client));
		}
		return new ClientCatalog.Snapshot(entries);
	}

}
