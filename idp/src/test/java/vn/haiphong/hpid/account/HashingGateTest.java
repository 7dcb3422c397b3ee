package vn.haiphong.hpid.account;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashingGateTest {

	@Test
	void neverRunsMoreHashesAtOnceThanItsBound() throws Exception {
		HashingGate gate = new HashingGate(2, Duration.ofSeconds(30));
		AtomicInteger running = new AtomicInteger();
		AtomicInteger highest = new AtomicInteger();
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			Future<?>[] calls = new Future<?>[16];
			for (int i = 0; i < calls.length; i++) {
				calls[i] = callers.submit(() -> gate.run(() -> {
					highest.accumulateAndGet(running.incrementAndGet(), Math::max);
					sleep(20);
					running.decrementAndGet();
					return null;
				}));
			}
			for (Future<?> call : calls) {
				call.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(highest.get()).isEqualTo(2);
	}

	@Test
	void aCallerThatWaitsTooLongIsToldTheNodeIsBusy() throws Exception {
		HashingGate gate = new HashingGate(1, Duration.ofMillis(100));
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread holder = new Thread(() -> gate.run(() -> {
			holding.countDown();
			await(release);
			return null;
		}));
		holder.start();
		holding.await();
		try {
			assertThatThrownBy(() -> gate.run(() -> "never")).isInstanceOf(PasswordHashingBusyException.class);
		}
		finally {
			release.countDown();
			holder.join();
		}
		// The permit came back: the gate serves again.
		assertThat(gate.run(() -> "served")).isEqualTo("served");
	}

	@Test
	void aFailingHashGivesItsPermitBack() {
		HashingGate gate = new HashingGate(1, Duration.ofMillis(100));
		assertThatThrownBy(() -> gate.run(() -> {
			throw new IllegalStateException("broken");
		})).hasMessage("broken");
		assertThat(gate.run(() -> "served")).isEqualTo("served");
	}

	@Test
	void automaticMeansTwoPerCpu() {
		assertThat(HashingGate.automatic().maxConcurrent()).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
	}

	@Test
	void passwordChecksGoThroughTheGate() throws Exception {
		HashingGate gate = new HashingGate(1, Duration.ofMillis(50));
		PasswordHasher hasher = new PasswordHasher(Argon2Settings.DEFAULT, gate);
		String hash = hasher.hash("Bien-Do-Son-2026");
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread holder = new Thread(() -> gate.run(() -> {
			holding.countDown();
			await(release);
			return null;
		}));
		holder.start();
		holding.await();
		try {
			assertThatThrownBy(() -> hasher.matches("Bien-Do-Son-2026", hash))
				.isInstanceOf(PasswordHashingBusyException.class);
			assertThatThrownBy(() -> hasher.burn("anything")).isInstanceOf(PasswordHashingBusyException.class);
		}
		finally {
			release.countDown();
			holder.join();
		}
		assertThat(hasher.matches("Bien-Do-Son-2026", hash)).isTrue();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
