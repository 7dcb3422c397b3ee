package vn.haiphong.hpid.oidc;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import vn.haiphong.hpid.web.AppEndpoints;

/**
 * The answer of the token, introspection and revocation endpoints to a request that
 * carries no client authentication at all (no secret, no assertion, no PKCE verifier of a
 * public client): {@code 401 invalid_client} as RFC 6749 §5.2 says, in JSON an app's
 * library can read. Spring's authorization server answers such a request with an empty
 * 401, which tells the app nothing. Failed authentications (a wrong secret) are answered
 * by the client authentication filter itself and never get here.
 */
final class ClientAuthenticationRequired implements AuthenticationEntryPoint {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		String uri = request.getRequestURI();
		String description;
		if (uri.endsWith(ProtocolEndpoints.REVOKE)) {
			description = "client authentication is required; a public client cannot revoke tokens, it signs the "
					+ "person out through the logout endpoint";
		}
		else if (uri.endsWith(ProtocolEndpoints.INTROSPECT)) {
			description = "client authentication is required: HTTP Basic or client_secret_post with the client's "
					+ "secret, or a private_key_jwt assertion";
		}
		else {
			description = "client authentication is required: HTTP Basic or client_secret_post with the client's "
					+ "secret, a private_key_jwt assertion, or for a public client the PKCE code_verifier of an "
					+ "authorization code";
		}
		AppEndpoints.writeError(response, HttpServletResponse.SC_UNAUTHORIZED, "invalid_client", description);
	}

}
