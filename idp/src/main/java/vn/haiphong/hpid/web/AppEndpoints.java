package vn.haiphong.hpid.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which requests come from apps rather than from people's browsers: the protocol
 * endpoints (token, introspection, revocation, userinfo, keys…) answer errors as OAuth
 * JSON; the authorization and logout endpoints are pages a person sees.
 */
final class AppEndpoints {

	private AppEndpoints() {
	}

	static boolean answersApps(HttpServletRequest request) {
		String uri = request.getRequestURI();
		return uri.contains("/protocol/openid-connect/") && !uri.endsWith("/auth") && !uri.endsWith("/logout");
	}

}
