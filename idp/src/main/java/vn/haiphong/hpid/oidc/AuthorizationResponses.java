package vn.haiphong.hpid.oidc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import vn.haiphong.hpid.web.ErrorPages;

/**
 * Authorization responses carry {@code iss} (RFC 9207), errors included, so a client
 * talking to several providers can tell which one answered. An error for a request
 * whose client or redirect URI cannot be trusted never redirects: the person gets a page.
 */
public final class AuthorizationResponses {

	private AuthorizationResponses() {
	}

	static AuthenticationSuccessHandler success() {
		return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
			OAuth2AuthorizationCodeRequestAuthenticationToken result = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
			UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(result.getRedirectUri())
				.queryParam(OAuth2ParameterNames.CODE, result.getAuthorizationCode().getTokenValue());
			addStateAndIssuer(uri, result.getState());
			redirect(response, uri);
		};
	}

	static AuthenticationFailureHandler failure(RealmClients clients) {
		return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
			String[] named = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
			if (named != null && named.length == 1
					&& clients.disabled(RealmContext.current().realm().name(), named[0])) {
				// unauthorized_client (RFC 6749 §4.1.2.1), told to the person: the app is off.
				ErrorPages.send(request, response, HttpServletResponse.SC_FORBIDDEN, "client-disabled",
						"unauthorized_client: client " + named[0] + " is disabled");
				return;
			}
			OAuth2Error error;
			OAuth2AuthorizationCodeRequestAuthenticationToken attempt = null;
			if (exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException codeException) {
				error = codeException.getError();
				attempt = codeException.getAuthorizationCodeRequestAuthentication();
			}
			else {
				error = new OAuth2Error("invalid_request");
			}
			if (attempt == null && "unsupported_response_type".equals(error.getErrorCode())) {
				// Raised before the client was looked up; redirect only to a URI that is
				// registered, exactly, for the client named in the request.
				String redirectUri = registeredRedirect(request, clients);
				if (redirectUri != null) {
					UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(redirectUri)
						.queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
					addStateAndIssuer(uri, request.getParameter(OAuth2ParameterNames.STATE));
					redirect(response, uri);
					return;
				}
			}
			if (attempt == null || !StringUtils.hasText(attempt.getRedirectUri())) {
				ErrorPages.send(request, response, HttpServletResponse.SC_BAD_REQUEST, "authorize-invalid",
						error.getErrorCode() + describe(error));
				return;
			}
			UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(attempt.getRedirectUri())
				.queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
			if (StringUtils.hasText(error.getDescription())) {
				uri.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION, encode(error.getDescription()));
			}
			addStateAndIssuer(uri, attempt.getState());
			redirect(response, uri);
		};
	}

	private static String registeredRedirect(HttpServletRequest request, RegisteredClientRepository clients) {
		String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
		String[] redirectUris = request.getParameterValues(OAuth2ParameterNames.REDIRECT_URI);
		if (clientIds == null || clientIds.length != 1 || redirectUris == null || redirectUris.length != 1) {
			return null;
		}
		RegisteredClient client = clients.findByClientId(clientIds[0]);
		return client != null && client.getRedirectUris().contains(redirectUris[0]) ? redirectUris[0] : null;
	}

	/**
	 * {@code prompt=none} when nobody is signed in: the app gets {@code login_required},
	 * to the redirect URI that the authorization server has already validated.
	 */
	public static boolean loginRequired(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Object validated = request.getAttribute(OAuth2AuthorizationCodeRequestAuthenticationToken.class.getName());
		String prompt = request.getParameter("prompt");
		if (!(validated instanceof OAuth2AuthorizationCodeRequestAuthenticationToken attempt) || prompt == null
				|| !java.util.Arrays.asList(prompt.split(" ")).contains("none")
				|| !StringUtils.hasText(attempt.getRedirectUri())) {
			return false;
		}
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(attempt.getRedirectUri())
			.queryParam(OAuth2ParameterNames.ERROR, "login_required");
		addStateAndIssuer(uri, attempt.getState());
		redirect(response, uri);
		return true;
	}

	private static String describe(OAuth2Error error) {
		return StringUtils.hasText(error.getDescription()) ? " (" + error.getDescription() + ")" : "";
	}

	private static void addStateAndIssuer(UriComponentsBuilder uri, String state) {
		if (StringUtils.hasText(state)) {
			uri.queryParam(OAuth2ParameterNames.STATE, encode(state));
		}
		uri.queryParam("iss", encode(RealmContext.current().issuer()));
	}

	private static void redirect(HttpServletResponse response, UriComponentsBuilder uri) throws IOException {
		response.sendRedirect(uri.build(true).toUriString());
	}

	private static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

}
