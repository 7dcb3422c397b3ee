package vn.haiphong.hpid.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryEphemeralStoreTest {

	private final MutableClock clock = new MutableClock();

	private final InMemoryEphemeralStore store = new InMemoryEphemeralStore(this.clock);

	@Test
	void entriesExpireAfterTheirTimeToLive() {
		this.store.put("a", "1", Duration.ofSeconds(10));
		assertThat(this.store.get("a")).contains("1");
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(this.store.get("a")).isEmpty();
	}

	@Test
	void takeReturnsAValueOnlyOnce() {
		this.store.put("code", "x", Duration.ofMinutes(1));
		assertThat(this.store.take("code")).contains("x");
		assertThat(this.store.take("code")).isEmpty();
	}

	@Test
	void putIfAbsentKeepsALiveEntryButReplacesAnExpiredOne() {
		assertThat(this.store.putIfAbsent("k", "first", Duration.ofSeconds(5))).isTrue();
		assertThat(this.store.putIfAbsent("k", "second", Duration.ofSeconds(5))).isFalse();
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(this.store.putIfAbsent("k", "third", Duration.ofSeconds(5))).isTrue();
		assertThat(this.store.get("k")).contains("third");
	}

	@Test
	void countersDoNotExtendTheirLife() {
		assertThat(this.store.increment("n", Duration.ofSeconds(10))).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(9));
		assertThat(this.store.increment("n", Duration.ofSeconds(10))).isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.store.increment("n", Duration.ofSeconds(10))).isEqualTo(1);
	}

	@Test
	void sweepRemovesExpiredEntries() {
		for (int i = 0; i < 100; i++) {
			this.store.put("k" + i, "v", Duration.ofSeconds(1));
		}
		this.clock.advance(Duration.ofSeconds(2));
		this.store.sweep();
		assertThat(this.store.size()).isZero();
	}

	static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-11-29T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
