package vn.haiphong.hpid.login;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import vn.haiphong.hpid.oidc.AuthorizationResponses;
import vn.haiphong.hpid.oidc.Issuers;
import vn.haiphong.hpid.oidc.RealmContext;

/**
 * Sends a person who must sign in from the authorization endpoint to the realm's sign-in
 * page, keeping the authorization request in a login transaction rather than in an HTTP
 * session.
 */
public final class LoginEntryPoint implements AuthenticationEntryPoint {

	private final LoginTransactions transactions;

	private final Issuers issuers;

	public LoginEntryPoint(LoginTransactions transactions, Issuers issuers) {
		this.transactions = transactions;
		this.issuers = issuers;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		if (AuthorizationResponses.loginRequired(request, response)) {
			return;
		}
		String realm = RealmContext.current().realm().name();
		StringBuilder resume = new StringBuilder(request.getRequestURI());
		char separator = '?';
		for (var parameter : request.getParameterMap().entrySet()) {
			if (ReauthenticationFilter.LOGIN_MARKER.equals(parameter.getKey())) {
				continue;
			}
			for (String value : parameter.getValue()) {
				resume.append(separator)
					.append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
					.append('=')
					.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
				separator = '&';
			}
		}
		String loginHint = request.getParameter("login_hint");
		if (loginHint != null && loginHint.length() > 320) {
			loginHint = null;
		}
		LoginTransactions.LoginTransaction transaction = this.transactions.start(realm, resume.toString(), loginHint);
		response.sendRedirect(this.issuers.baseUrl(request) + "/realms/" + realm + "/login?tx=" + transaction.id());
	}

}
