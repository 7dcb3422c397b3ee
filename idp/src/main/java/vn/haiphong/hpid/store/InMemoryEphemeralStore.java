package vn.haiphong.hpid.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The single-node ephemeral store. Expired entries are invisible at once and swept
 * every few thousand writes, so memory stays bounded by what is live.
 */
public final class InMemoryEphemeralStore implements EphemeralStore {

	private static final int SWEEP_EVERY = 4096;

	private record Entry(String value, Instant expiresAt) {
		boolean expired(Instant now) {
			return !now.isBefore(this.expiresAt);
		}
	}

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final AtomicLong writes = new AtomicLong();

	private final Clock clock;

	public InMemoryEphemeralStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void put(String key, String value, Duration ttl) {
		this.entries.put(key, new Entry(value, this.clock.instant().plus(ttl)));
		afterWrite();
	}

	@Override
	public boolean putIfAbsent(String key, String value, Duration ttl) {
		Instant now = this.clock.instant();
		Entry fresh = new Entry(value, now.plus(ttl));
		boolean[] stored = { false };
		this.entries.compute(key, (k, existing) -> {
			if (existing == null || existing.expired(now)) {
				stored[0] = true;
				return fresh;
			}
			return existing;
		});
		afterWrite();
		return stored[0];
	}

	@Override
	public Optional<String> get(String key) {
		Entry entry = this.entries.get(key);
		if (entry == null || entry.expired(this.clock.instant())) {
			return Optional.empty();
		}
		return Optional.of(entry.value());
	}

	@Override
	public Optional<String> take(String key) {
		Entry entry = this.entries.remove(key);
		if (entry == null || entry.expired(this.clock.instant())) {
			return Optional.empty();
		}
		return Optional.of(entry.value());
	}

	@Override
	public void delete(String key) {
		this.entries.remove(key);
	}

	@Override
	public long increment(String key, Duration ttl) {
		Instant now = this.clock.instant();
		Entry updated = this.entries.compute(key, (k, existing) -> {
			if (existing == null || existing.expired(now)) {
				return new Entry("1", now.plus(ttl));
			}
			return new Entry(Long.toString(Long.parseLong(existing.value()) + 1), existing.expiresAt());
		});
		afterWrite();
		return Long.parseLong(updated.value());
	}

	int size() {
		return this.entries.size();
	}

	private void afterWrite() {
		if (this.writes.incrementAndGet() % SWEEP_EVERY == 0) {
			sweep();
		}
	}

	void sweep() {
		Instant now = this.clock.instant();
		for (Iterator<Entry> it = this.entries.values().iterator(); it.hasNext();) {
			if (it.next().expired(now)) {
				it.remove();
			}
		}
	}

}
