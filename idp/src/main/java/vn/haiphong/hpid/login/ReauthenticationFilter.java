package vn.haiphong.hpid.login;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import vn.haiphong.hpid.oidc.Issuers;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;

/**
 * {@code prompt=login} and {@code max_age} at the authorization endpoint: when the
 * session's sign-in is not fresh enough, the request is treated as not signed in, so the
 * person signs in again (or, with {@code prompt=none}, the app gets
 * {@code login_required}). The resumed request carries a one-time marker of the fresh
 * sign-in, which stops the loop. A session below the level the client or the request
 * requires ({@link RequiredLevels}) is also ignored, so the person steps up at VNeID.
 */
public final class ReauthenticationFilter extends OncePerRequestFilter {

	static final String LOGIN_MARKER = "hpid_login";

	private final LoginTransactions transactions;

	private final Clock clock;

	private final RealmRegistry realms;

	public ReauthenticationFilter(LoginTransactions transactions, Clock clock, RealmRegistry realms) {
		this.transactions = transactions;
		this.clock = clock;
		this.realms = realms;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().endsWith("/protocol/openid-connect/auth");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		if (current instanceof PersonAuthentication person && mustSignInAgain(request, person)) {
			SecurityContextHolder.clearContext();
		}
		chain.doFilter(request, response);
	}

	private boolean levelMet(HttpServletRequest request, PersonAuthentication person) {
		Optional<Realm> realm = Issuers.realmOf(request).flatMap(this.realms::find);
		return realm.isEmpty() || RequiredLevels.satisfied(person.acr(),
				RequiredLevels.of(realm.get(), request.getParameter("client_id"), request.getParameter("acr_values"),
						request.getParameter("claims")));
	}

	private boolean mustSignInAgain(HttpServletRequest request, PersonAuthentication person) {
		String prompt = request.getParameter("prompt");
		boolean promptLogin = prompt != null && Arrays.asList(prompt.split(" ")).contains("login");
		boolean tooOld = false;
		String maxAge = request.getParameter("max_age");
		if (maxAge != null) {
			try {
				long seconds = Long.parseLong(maxAge);
				tooOld = seconds < 0 || Duration.between(person.authTime(), this.clock.instant()).getSeconds() > seconds
						|| seconds == 0;
			}
			catch (NumberFormatException ex) {
				tooOld = true;
			}
		}
		if (!levelMet(request, person)) {
			// Step-up: a lower-level session never satisfies this request, fresh or not.
			return true;
		}
		if (!promptLogin && !tooOld) {
			return false;
		}
		return !this.transactions.consumeFreshLogin(request.getParameter(LOGIN_MARKER), person.sid());
	}

}
