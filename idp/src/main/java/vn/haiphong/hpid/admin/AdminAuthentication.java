package vn.haiphong.hpid.admin;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

import vn.haiphong.hpid.oidc.RealmAccessTokens.VerifiedAccessToken;

/**
 * An admin API request authenticated by an access token of the realm {@code admin}. It
 * carries no authorities: roles are read from the database by {@link AdminAuthorization}.
 */
final class AdminAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final transient VerifiedAccessToken token;

	AdminAuthentication(VerifiedAccessToken token) {
		super(List.of());
		this.token = token;
		setAuthenticated(true);
	}

	VerifiedAccessToken token() {
		return this.token;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return this.token.subject();
	}

}
