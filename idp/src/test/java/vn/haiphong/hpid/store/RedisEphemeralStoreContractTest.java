package vn.haiphong.hpid.store;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract against the real Redis at 127.0.0.1:6379 (started by bin/test). */
class RedisEphemeralStoreContractTest extends EphemeralStoreContract {

	private static final RedisEphemeralStore STORE = new RedisEphemeralStore(
			EphemeralStoreConfig.redis(settings("127.0.0.1:6379")), "hpid-test:");

	@Override
	EphemeralStore store() {
		return STORE;
	}

	@AfterAll
	static void close() {
		STORE.close();
	}

	@Test
	void everyKeyHasATimeToLive() {
		STORE.put(this.key, "v", Duration.ofMinutes(1));
		STORE.increment(this.key + ":n", Duration.ofMinutes(1));
		try (var redis = EphemeralStoreConfig.redis(settings("127.0.0.1:6379"))) {
			assertThat(redis.pttl("hpid-test:" + this.key)).isBetween(1L, 60_000L);
			assertThat(redis.pttl("hpid-test:" + this.key + ":n")).isBetween(1L, 60_000L);
		}
	}

	@Test
	void anUnreachableRedisIsAnOutageNotAHang() {
		try (RedisEphemeralStore down = new RedisEphemeralStore(EphemeralStoreConfig.redis(settings("127.0.0.1:1")),
				"x:")) {
			long start = System.nanoTime();
			assertThatThrownBy(() -> down.get("k")).isInstanceOf(EphemeralStoreUnavailableException.class);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
			assertThat(down.ping()).isFalse();
		}
	}

	private static EphemeralStoreConfig.Settings settings(String node) {
		return new EphemeralStoreConfig.Settings("redis", "standalone", List.of(node), null, null, null,
				Duration.ofSeconds(1), 8, "hpid-test:");
	}

}
