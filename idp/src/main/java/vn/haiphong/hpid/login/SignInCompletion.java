package vn.haiphong.hpid.login;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import vn.haiphong.hpid.login.LoginTransactions.LoginTransaction;
import vn.haiphong.hpid.oidc.AuthenticationLevels;
import vn.haiphong.hpid.oidc.Issuers;
import vn.haiphong.hpid.realm.Realm;

/**
 * The last step of every way to sign in: a fresh SSO session (never a reused one, so a
 * session id planted before sign-in is worthless), then back to the authorization
 * request that asked for it.
 */
public final class SignInCompletion {

	private final SsoSessions sessions;

	private final LoginTransactions transactions;

	private final Issuers issuers;

	public SignInCompletion(SsoSessions sessions, LoginTransactions transactions, Issuers issuers) {
		this.sessions = sessions;
		this.transactions = transactions;
		this.issuers = issuers;
	}

	/**
	 * Returns the absolute URL to resume the authorization request at.
	 * @param acr the level this sign-in achieved ({@link AuthenticationLevels})
	 * @param amr how the person signed in, e.g. {@code ["pwd"]} or {@code ["vneid"]}
	 */
	public String complete(Realm realm, LoginTransaction transaction, String personId, String acr, List<String> amr,
			HttpServletRequest request, HttpServletResponse response) {
		boolean secure = this.issuers.secure(request);
		this.sessions.end(request, response, realm, secure);
		PersonAuthentication person = this.sessions.start(realm, personId, acr, amr, secure, response);
		return this.issuers.baseUrl(request) + this.transactions.complete(transaction, person.sid());
	}

}
