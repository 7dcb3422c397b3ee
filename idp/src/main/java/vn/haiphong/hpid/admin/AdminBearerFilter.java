package vn.haiphong.hpid.admin;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import vn.haiphong.hpid.oidc.RealmAccessTokens;
import vn.haiphong.hpid.oidc.RealmAccessTokens.VerifiedAccessToken;

/**
 * Authenticates admin API requests by {@code Authorization: Bearer} with an access token
 * of hpid's own realm {@code admin} (RFC 6750). A token that is present but not valid —
 * another realm's, expired, revoked, forged — is a 401 at once; a request without one
 * goes on as anonymous and is refused wherever authentication is needed.
 */
final class AdminBearerFilter extends OncePerRequestFilter {

	private static final String PREFIX = "bearer ";

	private final RealmAccessTokens tokens;

	private final JsonMapper json;

	AdminBearerFilter(RealmAccessTokens tokens, JsonMapper json) {
		this.tokens = tokens;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null) {
			chain.doFilter(request, response);
			return;
		}
		Optional<VerifiedAccessToken> token = Optional.empty();
		if (header.length() > PREFIX.length() && header.substring(0, PREFIX.length()).toLowerCase(Locale.ROOT)
			.equals(PREFIX)) {
			token = this.tokens.verify(AdminRoles.ADMIN_REALM, header.substring(PREFIX.length()).strip(), request);
		}
		if (token.isEmpty()) {
			unauthorized(response, this.json, "invalid_token",
					"The access token is not a valid, unexpired access token of the realm admin");
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new AdminAuthentication(token.get()));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	/** A 401 problem with the RFC 6750 challenge. */
	static void unauthorized(HttpServletResponse response, JsonMapper json, String error, String detail)
			throws IOException {
		AdminProblem problem = AdminProblem.unauthenticated(detail);
		response.setStatus(401);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				"Bearer realm=\"admin\"" + (error == null ? "" : ", error=\"" + error + "\""));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setContentType(AdminProblemAdvice.PROBLEM_JSON.toString());
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(json.writeValueAsString(AdminProblemAdvice.body(problem)));
	}

}
