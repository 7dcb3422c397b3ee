package vn.haiphong.hpid.oidc;

import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

import vn.haiphong.hpid.realm.Realm;

/** The realm a protocol request is for, with its issuer. */
public record RealmContext(Realm realm, String issuer, AuthorizationServerSettings settings)
		implements AuthorizationServerContext {

	@Override
	public String getIssuer() {
		return this.issuer;
	}

	@Override
	public AuthorizationServerSettings getAuthorizationServerSettings() {
		return this.settings;
	}

	/** The realm of the request being served; only valid inside a realm's endpoints. */
	public static RealmContext current() {
		AuthorizationServerContext context = AuthorizationServerContextHolder.getContext();
		if (context instanceof RealmContext realmContext) {
			return realmContext;
		}
		throw new IllegalStateException("Not inside a realm request");
	}

}
