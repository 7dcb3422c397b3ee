package vn.haiphong.hpid.oidc;

/**
 * The {@code acr} values hpid issues. An ID token's {@code acr} is always the level
 * achieved, never the one asked for. VNeID levels arrive with the VNeID connector.
 */
public final class AuthenticationLevels {

	/** A local account with its password: no verified identity behind it. */
	public static final String LOCAL_PASSWORD = "urn:hpid:acr:local";

	private AuthenticationLevels() {
	}

}
