package vn.haiphong.hpid.login;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import vn.haiphong.hpid.store.EphemeralStore;

/**
 * Counts consecutive failures under one key and says how long the next attempt must
 * wait.
 *
 * <p>Two entries per key: an atomic counter, so that a burst of concurrent failures is
 * counted in full, and a record of the count and the time of the last failure, whose
 * life is renewed at each failure. The counter alone would reset a fixed time after the
 * first failure, handing a patient attacker fresh free attempts in the middle of a
 * series; the record alone would lose concurrent increments.
 */
final class FailureCounter {

	private static final String LAST_SUFFIX = ":last";

	/** Beyond this, 2^n seconds overflows; the cap is far lower anyway. */
	private static final int MAX_SHIFT = 40;

	private final EphemeralStore store;

	private final Clock clock;

	private final int freeFailures;

	private final Duration window;

	private final Duration maxDelay;

	FailureCounter(EphemeralStore store, Clock clock, int freeFailures, Duration window, Duration maxDelay) {
		this.store = store;
		this.clock = clock;
		this.freeFailures = freeFailures;
		this.window = window;
		this.maxDelay = maxDelay;
	}

	/** How long from now the next attempt must wait; zero when it may go ahead. */
	Duration waitBeforeNextAttempt(String key) {
		Optional<LastFailure> last = last(key);
		if (last.isEmpty()) {
			return Duration.ZERO;
		}
		long now = this.clock.millis();
		long allowedAt = last.get().atMillis() + delayAfter(last.get().failures()).toMillis();
		return allowedAt > now ? Duration.ofMillis(allowedAt - now) : Duration.ZERO;
	}

	void recordFailure(String key) {
		long counted = this.store.increment(key, this.window);
		long previous = last(key).map(LastFailure::failures).orElse(0L);
		long failures = Math.max(counted, previous + 1);
		this.store.put(key + LAST_SUFFIX, failures + ":" + this.clock.millis(),
				delayAfter(failures).plus(this.window));
	}

	void clear(String key) {
		this.store.delete(key);
		this.store.delete(key + LAST_SUFFIX);
	}

	Duration delayAfter(long failures) {
		if (failures < this.freeFailures) {
			return Duration.ZERO;
		}
		long shift = failures - this.freeFailures;
		if (shift >= MAX_SHIFT) {
			return this.maxDelay;
		}
		Duration delay = Duration.ofSeconds(1L << shift);
		return delay.compareTo(this.maxDelay) > 0 ? this.maxDelay : delay;
	}

	private Optional<LastFailure> last(String key) {
		return this.store.get(key + LAST_SUFFIX).flatMap(LastFailure::parse);
	}

	private record LastFailure(long failures, long atMillis) {

		static Optional<LastFailure> parse(String value) {
			int colon = value.indexOf(':');
			try {
				return Optional.of(new LastFailure(Long.parseLong(value.substring(0, colon)),
						Long.parseLong(value.substring(colon + 1))));
			}
			catch (RuntimeException ex) {
				// A value we cannot read must not block anyone; the next failure rewrites it.
				return Optional.empty();
			}
		}

	}

}
