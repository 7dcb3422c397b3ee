package vn.haiphong.hpid.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What every ephemeral store promises, in real time; each implementation runs it. */
abstract class EphemeralStoreContract {

	abstract EphemeralStore store();

	final String key = "contract:" + UUID.randomUUID();

	@Test
	void storesAndExpires() throws Exception {
		store().put(this.key, "giá trị", Duration.ofMillis(300));
		assertThat(store().get(this.key)).contains("giá trị");
		Thread.sleep(450);
		assertThat(store().get(this.key)).isEmpty();
	}

	@Test
	void takeHandsAValueToExactlyOneOfManyConcurrentCallers() throws Exception {
		store().put(this.key, "code", Duration.ofMinutes(1));
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Boolean>> takers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				takers.add(() -> store().take(this.key).isPresent());
			}
			int winners = 0;
			for (Future<Boolean> result : pool.invokeAll(takers)) {
				winners += result.get() ? 1 : 0;
			}
			assertThat(winners).isEqualTo(1);
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void putIfAbsentDoesNotReplaceALiveEntry() {
		assertThat(store().putIfAbsent(this.key, "a", Duration.ofMinutes(1))).isTrue();
		assertThat(store().putIfAbsent(this.key, "b", Duration.ofMinutes(1))).isFalse();
		assertThat(store().get(this.key)).contains("a");
	}

	@Test
	void countersStartAtOneAndKeepTheirFirstTimeToLive() throws Exception {
		assertThat(store().increment(this.key, Duration.ofMillis(400))).isEqualTo(1);
		Thread.sleep(250);
		assertThat(store().increment(this.key, Duration.ofMillis(400))).isEqualTo(2);
		Thread.sleep(250);
		assertThat(store().increment(this.key, Duration.ofMillis(400))).isEqualTo(1);
	}

	@Test
	void deleteRemoves() {
		store().put(this.key, "x", Duration.ofMinutes(1));
		store().delete(this.key);
		assertThat(store().get(this.key)).isEmpty();
	}

}
