package vn.haiphong.hpid.oidc;

/**
 * Endpoint paths under each issuer, the same as Keycloak's, so an app that uses a
 * Keycloak realm moves to hpid by changing the host.
 */
public final class ProtocolEndpoints {

	public static final String PREFIX = "/protocol/openid-connect";

	public static final String AUTHORIZE = PREFIX + "/auth";

	public static final String TOKEN = PREFIX + "/token";

	public static final String USERINFO = PREFIX + "/userinfo";

	public static final String JWKS = PREFIX + "/certs";

	public static final String LOGOUT = PREFIX + "/logout";

	public static final String INTROSPECT = PREFIX + "/token/introspect";

	public static final String REVOKE = PREFIX + "/revoke";

	private ProtocolEndpoints() {
	}

}
