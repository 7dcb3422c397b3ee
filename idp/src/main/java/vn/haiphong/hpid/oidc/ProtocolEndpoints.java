package vn.haiphong.hpid.oidc;

import jakarta.servlet.http.HttpServletRequest;

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

	private static final String REALMS = "/realms/";

	private ProtocolEndpoints() {
	}

	/** A request path split into the realm's name and what follows it ({@link #TOKEN}…). */
	record RealmPath(String realm, String endpoint) {
	}

	/**
	 * The realm and endpoint a request names, or null when its path is not
	 * {@code /realms/{realm}/…} at the root context. Cheap enough for every request: the
	 * filters in front of Spring Security call it before deciding to look further.
	 */
	static RealmPath realmPath(HttpServletRequest request) {
		String path = request.getRequestURI();
		if (!request.getContextPath().isEmpty() || !path.startsWith(REALMS)) {
			return null;
		}
		int slash = path.indexOf('/', REALMS.length());
		return slash < 0 ? null : new RealmPath(path.substring(REALMS.length(), slash), path.substring(slash));
	}

}
