package vn.haiphong.hpid.realm;

import java.time.Duration;

/**
 * SSO session timeouts: a session ends after {@code idleTimeout} without use, and in
 * any case {@code absoluteTimeout} after the sign-in.
 */
public record SessionSettings(Duration idleTimeout, Duration absoluteTimeout) {

	public static final SessionSettings DEFAULT = new SessionSettings(Duration.ofMinutes(30), Duration.ofHours(10));

}
