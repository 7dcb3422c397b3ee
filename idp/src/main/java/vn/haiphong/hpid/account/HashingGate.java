package vn.haiphong.hpid.account;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how many password hashes are computed at once. Each Argon2id hash holds its
 * memory cost (7 MB by default) for its whole run and keeps a CPU busy; past a few per
 * CPU, more at once only add memory and latency, and a burst of sign-ins on a small heap
 * would end in an OutOfMemoryError that takes every session with it. Callers beyond the
 * bound wait their turn, fairly, for at most the queue timeout; then they get
 * {@link PasswordHashingBusyException}, which the pages and endpoints answer with 503 and
 * Retry-After.
 */
public final class HashingGate {

	private final Semaphore permits;

	private final long timeoutNanos;

	private final int maxConcurrent;

	/**
	 * @param maxConcurrent hashes computed at once; 0 for two per available CPU
	 * @param queueTimeout how long a caller waits for its turn
	 */
	public HashingGate(int maxConcurrent, Duration queueTimeout) {
		if (maxConcurrent < 0) {
			throw new IllegalArgumentException("maxConcurrent must be 0 (automatic) or more");
		}
		if (queueTimeout.isNegative()) {
			throw new IllegalArgumentException("queueTimeout must not be negative");
		}
		this.maxConcurrent = (maxConcurrent == 0) ? 2 * Runtime.getRuntime().availableProcessors() : maxConcurrent;
		this.permits = new Semaphore(this.maxConcurrent, true);
		this.timeoutNanos = queueTimeout.toNanos();
	}

	/** Two per available CPU, waiting up to ten seconds. */
	public static HashingGate automatic() {
		return new HashingGate(0, Duration.ofSeconds(10));
	}

	public int maxConcurrent() {
		return this.maxConcurrent;
	}

	<T> T run(Supplier<T> hashing) {
		boolean acquired;
		try {
			acquired = this.permits.tryAcquire(this.timeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PasswordHashingBusyException();
		}
		if (!acquired) {
			throw new PasswordHashingBusyException();
		}
		try {
			return hashing.get();
		}
		finally {
			this.permits.release();
		}
	}

}
