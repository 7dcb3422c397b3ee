package vn.haiphong.hpid.oidc;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.http.converter.OAuth2TokenIntrospectionHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.http.converter.OidcUserInfoHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ErrorAuthenticationFailureHandler;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;

import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.security.ClientSecretHasher;
import vn.haiphong.hpid.web.SecurityHeaders;

/**
 * The protocol requests a busy node answers most — {@code client_credentials} and
 * {@code refresh_token} grants, introspection, userinfo — answered by the authorization
 * server's own providers and message converters, without the generic filter chain around
 * them (two dozen filters and their request matchers, each run for every request).
 *
 * <p>
 * It takes a request only in its plain form (HTTP Basic client authentication or a
 * Bearer header, the endpoint's own parameters and nothing else, no DPoP proof) and
 * answers it only when every check passes. Anything else — another grant, another kind
 * of client authentication, an extra parameter, a wrong secret, an invalid token — goes
 * on to the full chain, which gives the canonical answer with its error codes and
 * {@code WWW-Authenticate} header. Nothing is written or stored before that decision, so
 * a request passed on is handled once. The one exception is a refresh grant from an
 * authenticated client: it changes state, so it is answered here, errors included, with
 * the chain's own error writer. The security headers are the chain's
 * ({@link SecurityHeaders#write}); ProtocolFastPathTest holds answers and headers equal
 * to the chain's.
 */
final class ProtocolFastPath extends OncePerRequestFilter {

	private static final String FORM = "application/x-www-form-urlencoded";

	private static final Set<String> TOKEN_PARAMETERS = Set.of("grant_type", "scope", "refresh_token");

	private static final Set<String> INTROSPECTION_PARAMETERS = Set.of("token", "token_type_hint");

	private enum Endpoint {

		TOKEN, INTROSPECT, USERINFO

	}

	private final RealmRegistry realms;

	private final Issuers issuers;

	private final AuthorizationServerSettings settings;

	private final SecurityHeaders headers;

	private final JwtDecoder jwtDecoder;

	private final ClientSecretAuthenticationProvider clientAuthentication;

	private final OAuth2ClientCredentialsAuthenticationProvider clientCredentials;

	private final OAuth2RefreshTokenAuthenticationProvider refresh;

	private final OAuth2TokenIntrospectionAuthenticationProvider introspection;

	private final OidcUserInfoAuthenticationProvider userInfo;

	private final JwtAuthenticationConverter bearerConverter = new JwtAuthenticationConverter();

	private final OAuth2AccessTokenResponseAuthenticationSuccessHandler tokenResponse = new OAuth2AccessTokenResponseAuthenticationSuccessHandler();

	private final OAuth2ErrorAuthenticationFailureHandler tokenError = new OAuth2ErrorAuthenticationFailureHandler();

	private final OAuth2TokenIntrospectionHttpMessageConverter introspectionResponse = new OAuth2TokenIntrospectionHttpMessageConverter();

	private final OidcUserInfoHttpMessageConverter userInfoResponse = new OidcUserInfoHttpMessageConverter();

	ProtocolFastPath(RealmRegistry realms, Issuers issuers, AuthorizationServerSettings settings,
			SecurityHeaders headers, RegisteredClientRepository clients, OAuth2AuthorizationService authorizations,
			OAuth2TokenGenerator<?> tokenGenerator, ClientSecretHasher secrets, JwtDecoder jwtDecoder,
			Function<OidcUserInfoAuthenticationContext, OidcUserInfo> userInfoClaims) {
		this.realms = realms;
		this.issuers = issuers;
		this.settings = settings;
		this.headers = headers;
		this.jwtDecoder = jwtDecoder;
		this.clientAuthentication = new ClientSecretAuthenticationProvider(clients, authorizations);
		this.clientAuthentication.setPasswordEncoder(secrets);
		this.clientCredentials = new OAuth2ClientCredentialsAuthenticationProvider(authorizations, tokenGenerator);
		this.refresh = new OAuth2RefreshTokenAuthenticationProvider(authorizations, tokenGenerator);
		this.introspection = new OAuth2TokenIntrospectionAuthenticationProvider(clients, authorizations);
		this.userInfo = new OidcUserInfoAuthenticationProvider(authorizations);
		this.userInfo.setUserInfoMapper(userInfoClaims);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ProtocolEndpoints.RealmPath target = ProtocolEndpoints.realmPath(request);
		Endpoint endpoint = target == null ? null : endpointOf(target.endpoint());
		Optional<Realm> realm = endpoint == null ? Optional.empty() : this.realms.find(target.realm());
		if (realm.isEmpty() || request.getHeader("DPoP") != null) {
			chain.doFilter(request, response);
			return;
		}
		AuthorizationServerContextHolder.setContext(new RealmContext(realm.get(),
				this.issuers.issuer(request, realm.get().name()), this.settings));
		boolean answered;
		try {
			answered = switch (endpoint) {
				case TOKEN -> tokenGrant(request, response);
				case INTROSPECT -> introspection(request, response);
				case USERINFO -> userInfo(request, response);
			};
		}
		finally {
			AuthorizationServerContextHolder.resetContext();
			SecurityContextHolder.clearContext();
		}
		if (!answered) {
			chain.doFilter(request, response);
		}
	}

	private static Endpoint endpointOf(String endpoint) {
		return switch (endpoint) {
			case ProtocolEndpoints.TOKEN -> Endpoint.TOKEN;
			case ProtocolEndpoints.INTROSPECT -> Endpoint.INTROSPECT;
			case ProtocolEndpoints.USERINFO -> Endpoint.USERINFO;
			default -> null;
		};
	}

	/**
	 * {@code POST /token}: {@code grant_type=client_credentials} with an optional scope, or
	 * {@code grant_type=refresh_token} with the token and an optional scope.
	 */
	private boolean tokenGrant(HttpServletRequest request, HttpServletResponse response) throws IOException,
			ServletException {
		Map<String, String[]> parameters = formParameters(request, TOKEN_PARAMETERS);
		Set<String> scopes = parameters == null ? null : scopes(single(parameters, "scope"));
		if (scopes == null) {
			return false;
		}
		String grantType = single(parameters, "grant_type");
		String refreshToken = single(parameters, "refresh_token");
		if ("client_credentials".equals(grantType) && refreshToken == null) {
			return clientCredentials(request, response, scopes);
		}
		if ("refresh_token".equals(grantType) && refreshToken != null && !refreshToken.isBlank()) {
			return refresh(request, response, refreshToken, scopes);
		}
		return false;
	}

	/** The scopes of a token request; null when the parameter has an empty element. */
	private static Set<String> scopes(String scope) {
		Set<String> scopes = new LinkedHashSet<>();
		if (scope != null) {
			for (String each : scope.split(" ", -1)) {
				if (each.isEmpty()) {
					return null;
				}
				scopes.add(each);
			}
		}
		return scopes;
	}

	private boolean clientCredentials(HttpServletRequest request, HttpServletResponse response, Set<String> scopes)
			throws IOException, ServletException {
		OAuth2ClientAuthenticationToken client = authenticatedClient(request);
		if (client == null) {
			return false;
		}
		try {
			Authentication issued = this.clientCredentials
				.authenticate(new OAuth2ClientCredentialsAuthenticationToken(client, scopes, Map.of()));
			this.headers.write(request, response);
			this.tokenResponse.onAuthenticationSuccess(request, response, issued);
			return true;
		}
		catch (AuthenticationException ex) {
			return false;
		}
	}

	/**
	 * A refresh grant. Client authentication decides, as for every request here, whether
	 * this path answers; once the grant has started it answers even a refused grant itself,
	 * with the error the chain's token endpoint writes ({@code OAuth2ErrorAuthenticationFailureHandler}):
	 * a grant changes state (the family is rotated, or revoked when a rotated token comes
	 * back), and passing it on would run it a second time.
	 */
	private boolean refresh(HttpServletRequest request, HttpServletResponse response, String refreshToken,
			Set<String> scopes) throws IOException, ServletException {
		OAuth2ClientAuthenticationToken client = authenticatedClient(request);
		if (client == null) {
			return false;
		}
		try {
			Authentication issued = this.refresh
				.authenticate(new OAuth2RefreshTokenAuthenticationToken(refreshToken, client, scopes, Map.of()));
			this.headers.write(request, response);
			this.tokenResponse.onAuthenticationSuccess(request, response, issued);
		}
		catch (OAuth2AuthenticationException ex) {
			this.headers.write(request, response);
			this.tokenError.onAuthenticationFailure(request, response, ex);
		}
		return true;
	}

	/** {@code POST /token/introspect} with the token and an optional type hint. */
	private boolean introspection(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Map<String, String[]> parameters = formParameters(request, INTROSPECTION_PARAMETERS);
		String token = parameters == null ? null : single(parameters, "token");
		if (token == null || token.isEmpty()) {
			return false;
		}
		OAuth2ClientAuthenticationToken client = authenticatedClient(request);
		if (client == null) {
			return false;
		}
		try {
			OAuth2TokenIntrospectionAuthenticationToken result = (OAuth2TokenIntrospectionAuthenticationToken) this.introspection
				.authenticate(new OAuth2TokenIntrospectionAuthenticationToken(token, client,
						single(parameters, "token_type_hint"), Map.of()));
			this.headers.write(request, response);
			this.introspectionResponse.write(result.getTokenClaims(), null, new ServletServerHttpResponse(response));
			return true;
		}
		catch (AuthenticationException ex) {
			return false;
		}
	}

	/** {@code GET /userinfo} with a Bearer header and no query. */
	private boolean userInfo(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!"GET".equals(request.getMethod()) || request.getQueryString() != null) {
			return false;
		}
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || !bearerToken(header.substring(7))) {
			return false;
		}
		try {
			Authentication bearer = this.bearerConverter.convert(this.jwtDecoder.decode(header.substring(7)));
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(bearer);
			SecurityContextHolder.setContext(context);
			OidcUserInfoAuthenticationToken result = (OidcUserInfoAuthenticationToken) this.userInfo
				.authenticate(new OidcUserInfoAuthenticationToken(bearer));
			this.headers.write(request, response);
			this.userInfoResponse.write(result.getUserInfo(), null, new ServletServerHttpResponse(response));
			return true;
		}
		catch (JwtException | AuthenticationException ex) {
			return false;
		}
	}

	/**
	 * The form parameters of a plain POST: form-encoded body, no query string, each
	 * parameter once and among the allowed ones; null when the request is anything else.
	 */
	private static Map<String, String[]> formParameters(HttpServletRequest request, Set<String> allowed) {
		String contentType = request.getContentType();
		if (!"POST".equals(request.getMethod()) || request.getQueryString() != null || contentType == null
				|| !contentType.regionMatches(true, 0, FORM, 0, FORM.length())) {
			return null;
		}
		Map<String, String[]> parameters = request.getParameterMap();
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			if (!allowed.contains(parameter.getKey()) || parameter.getValue().length != 1) {
				return null;
			}
		}
		return parameters;
	}

	private static String single(Map<String, String[]> parameters, String name) {
		String[] values = parameters.get(name);
		return values == null ? null : values[0];
	}

	/**
	 * The client of an HTTP Basic header (RFC 6749 §2.3.1: id and secret form-encoded
	 * before Base64), authenticated as the chain's client authentication would; null when
	 * the header is absent or malformed or the client is not authenticated (a wrong secret,
	 * an unknown client): the chain then answers with its error.
	 */
	private OAuth2ClientAuthenticationToken authenticatedClient(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		String credentials;
		try {
			credentials = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		int colon = credentials.indexOf(':');
		if (colon <= 0 || colon == credentials.length() - 1) {
			return null;
		}
		String clientId;
		String secret;
		try {
			clientId = URLDecoder.decode(credentials.substring(0, colon), StandardCharsets.UTF_8);
			secret = URLDecoder.decode(credentials.substring(colon + 1), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (clientId.isBlank() || secret.isBlank()) {
			return null;
		}
		try {
			return (OAuth2ClientAuthenticationToken) this.clientAuthentication.authenticate(
					new OAuth2ClientAuthenticationToken(clientId, ClientAuthenticationMethod.CLIENT_SECRET_BASIC, secret,
							Map.of()));
		}
		catch (AuthenticationException ex) {
			return null;
		}
	}

	/** RFC 6750 §2.1 b64token, as the resource server's bearer token resolver accepts it. */
	private static boolean bearerToken(String value) {
		int end = value.length();
		while (end > 0 && value.charAt(end - 1) == '=') {
			end--;
		}
		if (end == 0) {
			return false;
		}
		for (int i = 0; i < end; i++) {
			char c = value.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

}
