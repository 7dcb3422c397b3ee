package vn.haiphong.hpid.login;

import java.time.Duration;
import java.util.Objects;

/**
 * How quickly failed logins slow further attempts down. After the free failures, each
 * further failure doubles the wait before the next attempt, starting at one second, up
 * to {@code maxDelay}. Failures are forgotten once {@code window} passes without one
 * (counted from the end of the wait they imposed).
 *
 * @param accountFreeFailures failures per account before any wait
 * @param ipFreeFailures failures per client address before any wait; high, because
 * offices and mobile carriers put many people behind one address
 * @param window quiet time after which failures are forgotten
 * @param maxDelay the longest wait ever imposed; there is never a lockout
 */
public record ThrottleSettings(int accountFreeFailures, int ipFreeFailures, Duration window, Duration maxDelay) {

	public static final ThrottleSettings DEFAULT = new ThrottleSettings(5, 50, Duration.ofMinutes(15),
			Duration.ofMinutes(15));

	public ThrottleSettings {
		Objects.requireNonNull(window, "window");
		Objects.requireNonNull(maxDelay, "maxDelay");
		if (accountFreeFailures < 1 || ipFreeFailures < 1) {
			throw new IllegalArgumentException("free failures must be at least 1");
		}
		if (window.isNegative() || window.isZero() || maxDelay.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("window must be positive and maxDelay at least one second");
		}
	}

}
