package vn.haiphong.hpid.oidc;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

import vn.haiphong.hpid.realm.RealmFileParser;
import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.security.ClientSecretHasher;
import vn.haiphong.hpid.security.MasterKey;
import vn.haiphong.hpid.web.SecurityHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which requests the fast path answers itself, and that it leaves every other one,
 * untouched, to the full chain. ProtocolSuite holds its answers equal to the chain's.
 */
class ProtocolFastPathTest {

	private static final String SECRET = "service-secret-0123456789-0123456789";

	private static final String APP_SECRET = "app-secret-0123456789-0123456789-0123";

	private static final String TOKEN = "/realms/unit/protocol/openid-connect/token";

	private static final String INTROSPECT = "/realms/unit/protocol/openid-connect/token/introspect";

	private static final ClientSecretHasher SECRETS = new ClientSecretHasher(new MasterKey(new byte[32]));

	private static final RegisteredClient APP = RegisteredClient.withId("unit/app")
		.clientId("app")
		.clientSecret(SECRETS.encode(APP_SECRET))
		.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
		.redirectUri("https://app.example/callback")
		.scope("profile")
		.tokenSettings(TokenSettings.builder().reuseRefreshTokens(false).build())
		.build();

	private final ClientSecretHasher secrets = SECRETS;

	private final InMemoryOAuth2AuthorizationService authorizations = new InMemoryOAuth2AuthorizationService();

	private final ProtocolFastPath fastPath;

	ProtocolFastPathTest() throws Exception {
		RealmRegistry realms = new RealmRegistry(List.of(new RealmFileParser().parse("unit.yaml",
				new StringReader("realm: unit\ndisplayName: { vi: Thử }\n"))), false);
		RegisteredClient service = RegisteredClient.withId("unit/service")
			.clientId("service")
			.clientSecret(this.secrets.encode(SECRET))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("records.read")
			.build();
		RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
		OAuth2TokenGenerator<?> tokens = new DelegatingOAuth2TokenGenerator(
				new JwtGenerator(new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)))),
				new OAuth2RefreshTokenGenerator());
		this.fastPath = new ProtocolFastPath(realms, new Issuers(null), AuthorizationServerSettings.builder().build(),
				new SecurityHeaders(realms.all()), new InMemoryRegisteredClientRepository(service, APP),
				this.authorizations,
				tokens, this.secrets, NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build(),
				(context) -> new OidcUserInfo(Map.of("sub", "someone")));
	}

	@Test
	void answersAPlainClientCredentialsGrantItself() throws Exception {
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = send(form(TOKEN, basic("service", SECRET), "grant_type",
				"client_credentials", "scope", "records.read"), chain);

		assertThat(chain.getRequest()).as("passed on to the chain").isNull();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).contains("\"token_type\":\"Bearer\"", "\"scope\":\"records.read\"");
		assertThat(response.getHeader("Cache-Control")).contains("no-store");
		assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
		assertThat(response.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
		String token = com.nimbusds.jose.util.JSONObjectUtils.parse(response.getContentAsString())
			.get("access_token").toString();
		assertThat(SignedJWT.parse(token).getJWTClaimsSet().getIssuer()).isEqualTo("http://localhost/realms/unit");

		// The token it issued is introspected on the fast path too.
		MockFilterChain introspectionChain = new MockFilterChain();
		MockHttpServletResponse introspection = send(form(INTROSPECT, basic("service", SECRET), "token", token),
				introspectionChain);
		assertThat(introspectionChain.getRequest()).isNull();
		assertThat(introspection.getContentAsString()).contains("\"active\":true", "\"client_id\":\"service\"");
	}

	@Test
	void answersARefreshGrantItselfRefusalsIncluded() throws Exception {
		Instant now = Instant.now();
		this.authorizations.save(OAuth2Authorization.withRegisteredClient(APP)
			.id("grant-1")
			.principalName("person-1")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(Set.of("profile"))
			.attribute(Principal.class.getName(), new TestingAuthenticationToken("person-1", null))
			.accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-1", now,
					now.plusSeconds(300), Set.of("profile")))
			.refreshToken(new OAuth2RefreshToken("refresh-1", now, now.plusSeconds(3600)))
			.build());

		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = send(form(TOKEN, basic("app", APP_SECRET), "grant_type", "refresh_token",
				"refresh_token", "refresh-1"), chain);

		assertThat(chain.getRequest()).as("passed on to the chain").isNull();
		assertThat(response.getStatus()).isEqualTo(200);
		Map<String, Object> body = com.nimbusds.jose.util.JSONObjectUtils.parse(response.getContentAsString());
		assertThat(body.get("refresh_token")).isNotNull().isNotEqualTo("refresh-1");
		assertThat(body.get("scope")).isEqualTo("profile");
		assertThat(response.getHeader("Cache-Control")).contains("no-store");

		// The grant has started, and may have changed state (here: the token was
		// rotated), so the refusal is written here, as the chain's token endpoint writes it.
		MockFilterChain replayChain = new MockFilterChain();
		MockHttpServletResponse replay = send(form(TOKEN, basic("app", APP_SECRET), "grant_type", "refresh_token",
				"refresh_token", "refresh-1"), replayChain);
		assertThat(replayChain.getRequest()).isNull();
		assertThat(replay.getStatus()).isEqualTo(400);
		assertThat(replay.getContentAsString()).contains("\"error\":\"invalid_grant\"");
		assertThat(replay.getHeader("Cache-Control")).contains("no-store");
		assertThat(replay.getHeader("X-Frame-Options")).isEqualTo("DENY");
	}

	@Test
	void leavesEveryOtherFormToTheChainUntouched() throws Exception {
		List<MockHttpServletRequest> others = List.of(
				form(TOKEN, basic("service", "wrong-" + SECRET), "grant_type", "client_credentials"),
				form(TOKEN, basic("nobody", SECRET), "grant_type", "client_credentials"),
				form(TOKEN, basic("service", SECRET), "grant_type", "client_credentials", "scope", "admin"),
				form(TOKEN, basic("service", SECRET), "grant_type", "client_credentials", "scope", "records.read "),
				form(TOKEN, basic("service", SECRET), "grant_type", "client_credentials", "extra", "1"),
				form(TOKEN, basic("service", SECRET), "grant_type", "refresh_token"),
				form(TOKEN, basic("app", APP_SECRET), "grant_type", "refresh_token", "refresh_token", " "),
				form(TOKEN, basic("app", "wrong-" + APP_SECRET), "grant_type", "refresh_token", "refresh_token", "abc"),
				form(TOKEN, null, "grant_type", "refresh_token", "refresh_token", "abc", "client_id", "app",
						"client_secret", APP_SECRET),
				form(TOKEN, basic("app", APP_SECRET), "grant_type", "refresh_token", "refresh_token", "abc", "extra", "1"),
				form(TOKEN, basic("app", APP_SECRET), "grant_type", "refresh_token", "refresh_token", "abc", "scope", ""),
				form(TOKEN, basic("service", SECRET), "grant_type", "client_credentials", "refresh_token", "abc"),
				form(TOKEN, null, "grant_type", "client_credentials", "client_id", "service", "client_secret", SECRET),
				form(TOKEN, "Basic !!!", "grant_type", "client_credentials"),
				form(TOKEN, basic("service", SECRET), "grant_type", "client_credentials", "grant_type", "client_credentials"),
				withHeader(form(TOKEN, basic("service", SECRET), "grant_type", "client_credentials"), "DPoP", "x.y.z"),
				withQuery(form(TOKEN, basic("service", SECRET), "grant_type", "client_credentials"), "a=b"),
				form("/realms/elsewhere/protocol/openid-connect/token", basic("service", SECRET), "grant_type",
						"client_credentials"),
				form(INTROSPECT, basic("service", "wrong-" + SECRET), "token", "abc"),
				form(INTROSPECT, basic("service", SECRET)),
				bearer("/realms/unit/protocol/openid-connect/userinfo", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"),
				bearer("/realms/unit/protocol/openid-connect/userinfo", "not a token"));
		for (MockHttpServletRequest request : others) {
			MockFilterChain chain = new MockFilterChain();
			MockHttpServletResponse response = send(request, chain);
			assertThat(chain.getRequest()).as(request.getRequestURI() + " " + request.getParameterMap().keySet())
				.isSameAs(request);
			assertThat(response.isCommitted()).isFalse();
			assertThat(response.getHeaderNames()).isEmpty();
			assertThat(response.getContentAsString()).isEmpty();
		}
		assertThat(this.authorizations.findByToken("abc", null)).isNull();
	}

	private MockHttpServletResponse send(MockHttpServletRequest request, MockFilterChain chain) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.fastPath.doFilter(request, response, chain);
		return response;
	}

	private static MockHttpServletRequest form(String path, String authorization, String... parameters) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
		request.setContentType("application/x-www-form-urlencoded");
		if (authorization != null) {
			request.addHeader("Authorization", authorization);
		}
		for (int i = 0; i < parameters.length; i += 2) {
			request.addParameter(parameters[i], parameters[i + 1]);
		}
		return request;
	}

	private static MockHttpServletRequest bearer(String path, String token) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.addHeader("Authorization", "Bearer " + token);
		return request;
	}

	private static MockHttpServletRequest withHeader(MockHttpServletRequest request, String name, String value) {
		request.addHeader(name, value);
		return request;
	}

	private static MockHttpServletRequest withQuery(MockHttpServletRequest request, String query) {
		request.setQueryString(query);
		return request;
	}

	private static String basic(String clientId, String secret) {
		return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

}
