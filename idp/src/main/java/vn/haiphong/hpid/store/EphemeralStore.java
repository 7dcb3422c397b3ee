package vn.haiphong.hpid.store;

import java.time.Duration;
import java.util.Optional;

/**
 * Short-lived state shared by every node: authorization codes, login transactions,
 * SSO sessions, revoked token ids, throttling counters.
 *
 * <p>Values are strings so that a networked implementation (Redis) stores exactly what
 * the in-memory one does. Every entry has a time to live: nothing here grows without
 * bound. Implementations throw {@link EphemeralStoreUnavailableException} when the
 * backing service cannot be reached, so callers fail closed with a clear page.
 */
public interface EphemeralStore {

	void put(String key, String value, Duration ttl);

	/** Stores the value only if no live entry has that key; true when stored. */
	boolean putIfAbsent(String key, String value, Duration ttl);

	Optional<String> get(String key);

	/** Reads and removes in one atomic step: the primitive for single-use values. */
	Optional<String> take(String key);

	void delete(String key);

	/**
	 * Adds one to a counter and returns the new value. A counter that did not exist
	 * starts at 1 and lives for {@code ttl}; incrementing does not extend its life.
	 */
	long increment(String key, Duration ttl);

}
