package vn.haiphong.hpid.oidc;

import vn.haiphong.hpid.spi.LevelOfAssurance;

/**
 * The {@code acr} values hpid issues, weakest first. An ID token's {@code acr} is always
 * the level achieved, never the one asked for.
 */
public final class AuthenticationLevels {

	/** A local account with its password: no verified identity behind it. */
	public static final String LOCAL_PASSWORD = "urn:hpid:acr:local";

	/**
	 * A local account with its password and a one-time code (RFC 6238): stronger proof of
	 * the account holder, still no verified identity.
	 */
	public static final String LOCAL_PASSWORD_OTP = "urn:hpid:acr:local-mfa";

	/**
	 * Level 1 of Decree 69/2024/NĐ-CP, vouched for by an upstream (VNeID level 1, or any
	 * upstream level mapped to 1, or unknown).
	 */
	public static final String LEVEL_1 = LevelOfAssurance.LOW.acr();

	/** Level 2 of Decree 69/2024/NĐ-CP: verified in person against the chip ID card. */
	public static final String LEVEL_2 = LevelOfAssurance.HIGH.acr();

	private AuthenticationLevels() {
	}

}
