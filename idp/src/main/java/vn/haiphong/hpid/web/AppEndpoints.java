package vn.haiphong.hpid.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Which requests come from apps rather than from people's browsers: the protocol
 * endpoints (token, introspection, revocation, userinfo, keys…) answer errors as OAuth
 * JSON; the authorization and logout endpoints are pages a person sees.
 */
public final class AppEndpoints {

	private AppEndpoints() {
	}

	static boolean answersApps(HttpServletRequest request) {
		String uri = request.getRequestURI();
		return uri.contains("/protocol/openid-connect/") && !uri.endsWith("/auth") && !uri.endsWith("/logout");
	}

	/**
	 * An OAuth error (RFC 6749 §5.2) written by the filters in front of Spring Security,
	 * which has no error writer there yet. The description is hpid's own plain text.
	 */
	public static void writeError(HttpServletResponse response, int status, String error, String description)
			throws IOException {
		response.setStatus(status);
		response.setHeader("Cache-Control", "no-store");
		response.setContentType("application/json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write("{\"error\":\"" + error + "\",\"error_description\":\""
					+ description.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
	}

}
