package vn.haiphong.hpid.oidc;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.web.AppEndpoints;
import vn.haiphong.hpid.web.SecurityHeaders;

/**
 * The methods each endpoint that apps call accepts. Any other gets {@code 405} with
 * {@code Allow} and an OAuth error, where it used to fall through to the static
 * resources ({@code 404} "No static resource") or to the pages' CSRF check (an HTML
 * {@code 403}). {@code OPTIONS} passes, as before.
 */
final class AppEndpointMethods extends OncePerRequestFilter {

	private static final Map<String, List<String>> ALLOWED = Map.of(ProtocolEndpoints.TOKEN, List.of("POST"),
			ProtocolEndpoints.INTROSPECT, List.of("POST"), ProtocolEndpoints.REVOKE, List.of("POST"),
			ProtocolEndpoints.USERINFO, List.of("GET", "POST"), ProtocolEndpoints.JWKS, List.of("GET", "HEAD"));

	private final RealmRegistry realms;

	private final SecurityHeaders headers;

	AppEndpointMethods(RealmRegistry realms, SecurityHeaders headers) {
		this.realms = realms;
		this.headers = headers;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<String> methods = allowed(request);
		if (methods == null || "OPTIONS".equals(request.getMethod()) || methods.contains(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		String allowed = String.join(", ", methods);
		this.headers.write(request, response);
		response.setHeader("Allow", allowed);
		AppEndpoints.writeError(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "invalid_request",
				"this endpoint accepts " + allowed);
	}

	/** The methods an app endpoint ({@link ProtocolEndpoints#TOKEN}…) serves, or null for any other path. */
	static List<String> servedBy(String endpoint) {
		return ALLOWED.get(endpoint);
	}

	/** The methods of the app endpoint the request is for, or null for anything else. */
	private List<String> allowed(HttpServletRequest request) {
		ProtocolEndpoints.RealmPath target = ProtocolEndpoints.realmPath(request);
		List<String> methods = target == null ? null : ALLOWED.get(target.endpoint());
		return methods == null || this.realms.find(target.realm()).isEmpty() ? null : methods;
	}

}
