package vn.haiphong.hpid.realm;

import java.time.Duration;

/**
 * Token lifetimes. A refresh token family lives at most {@code refreshTokenLifetime}
 * from the sign-in that started it, whatever the rotations.
 */
public record TokenSettings(Duration authorizationCodeLifetime, Duration accessTokenLifetime,
		Duration idTokenLifetime, Duration refreshTokenLifetime) {

	/**
	 * The longest access-token lifetime a realm may set. An access token is issued at the
	 * latest when its grant expires, so it outlives its grant by at most this.
	 */
	public static final Duration LONGEST_ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);

	public static final TokenSettings DEFAULT = new TokenSettings(Duration.ofSeconds(60), Duration.ofMinutes(5),
			Duration.ofMinutes(5), Duration.ofHours(8));

}
