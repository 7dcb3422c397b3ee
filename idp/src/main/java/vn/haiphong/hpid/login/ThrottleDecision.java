package vn.haiphong.hpid.login;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether a login attempt may be checked now, or how long the person must wait first.
 *
 * @param retryAfter zero when the attempt is allowed
 */
public record ThrottleDecision(Duration retryAfter) {

	public static final ThrottleDecision ALLOW = new ThrottleDecision(Duration.ZERO);

	public ThrottleDecision {
		Objects.requireNonNull(retryAfter, "retryAfter");
		if (retryAfter.isNegative()) {
			throw new IllegalArgumentException("retryAfter must not be negative");
		}
	}

	public static ThrottleDecision retryAfter(Duration wait) {
		return wait.isZero() || wait.isNegative() ? ALLOW : new ThrottleDecision(wait);
	}

	public boolean allowed() {
		return this.retryAfter.isZero();
	}

}
