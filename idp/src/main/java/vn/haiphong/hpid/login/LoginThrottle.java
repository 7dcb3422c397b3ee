package vn.haiphong.hpid.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import vn.haiphong.hpid.security.Hashes;
import vn.haiphong.hpid.store.EphemeralStore;

/**
 * Slows password guessing per account and per client address with a growing delay
 * after a number of free failures. Never a hard lockout: an attacker who fails on
 * purpose only makes the owner wait, at most {@code maxDelay}. Account keys are hashed,
 * so no e-mail or phone number sits in the ephemeral store.
 */
public final class LoginThrottle {

	/** Free failures, window, and the ceiling of the delay. */
	public record ThrottleSettings(int freeAccountFailures, int freeAddressFailures, Duration window,
			Duration maxDelay) {

		public static final ThrottleSettings DEFAULT = new ThrottleSettings(5, 50, Duration.ofMinutes(15),
				Duration.ofMinutes(15));

	}

	/** Whether an attempt may go ahead now, else how long to wait. */
	public record ThrottleDecision(boolean allowed, Duration retryAfter) {

		static final ThrottleDecision ALLOW = new ThrottleDecision(true, Duration.ZERO);

	}

	private final EphemeralStore store;

	private final ThrottleSettings settings;

	private final Clock clock;

	public LoginThrottle(EphemeralStore store, ThrottleSettings settings, Clock clock) {
		this.store = store;
		this.settings = settings;
		this.clock = clock;
	}

	public ThrottleDecision check(String realm, String account, String address) {
		Duration wait = max(waitFor(accountKey(realm, account), this.settings.freeAccountFailures()),
				waitFor(addressKey(realm, address), this.settings.freeAddressFailures()));
		return wait.isZero() ? ThrottleDecision.ALLOW : new ThrottleDecision(false, wait);
	}

	public void recordFailure(String realm, String account, String address) {
		record(accountKey(realm, account));
		record(addressKey(realm, address));
	}

	public void recordSuccess(String realm, String account) {
		String key = accountKey(realm, account);
		this.store.delete(key + ":n");
		this.store.delete(key + ":last");
	}

	private void record(String key) {
		this.store.increment(key + ":n", this.settings.window());
		this.store.put(key + ":last", Long.toString(this.clock.millis()), this.settings.window());
	}

	private Duration waitFor(String key, int free) {
		long failures = this.store.get(key + ":n").map(Long::parseLong).orElse(0L);
		if (failures < free) {
			return Duration.ZERO;
		}
		long exponent = Math.min(failures - free, 20);
		Duration delay = Duration.ofSeconds(1L << exponent);
		if (delay.compareTo(this.settings.maxDelay()) > 0) {
			delay = this.settings.maxDelay();
		}
		Instant last = this.store.get(key + ":last").map((v) -> Instant.ofEpochMilli(Long.parseLong(v)))
			.orElse(Instant.EPOCH);
		Duration remaining = Duration.between(this.clock.instant(), last.plus(delay));
		return remaining.isNegative() ? Duration.ZERO : remaining;
	}

	private static Duration max(Duration a, Duration b) {
		return a.compareTo(b) >= 0 ? a : b;
	}

	private static String accountKey(String realm, String account) {
		return "throttle:acct:" + Hashes.sha256(realm + "|" + account.strip().toLowerCase(Locale.ROOT));
	}

	private static String addressKey(String realm, String address) {
		return "throttle:ip:" + realm + "|" + address;
	}

}
