package vn.haiphong.hpid.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract through Redis Sentinel: a private master and one sentinel on free loopback
 * ports, found by hpid through the sentinel as in production.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisSentinelEphemeralStoreTest extends EphemeralStoreContract {

	private Process master;

	private Process sentinel;

	private RedisEphemeralStore store;

	@BeforeAll
	void start() throws Exception {
		int masterPort = freePort();
		int sentinelPort = freePort();
		this.master = new ProcessBuilder("redis-server", "--port", Integer.toString(masterPort), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		awaitPort(masterPort);
		Path config = Files.createTempFile("sentinel", ".conf");
		Files.writeString(config, """
				port %d
				bind 127.0.0.1
				sentinel monitor hpid-master 127.0.0.1 %d 1
				sentinel down-after-milliseconds hpid-master 2000
				""".formatted(sentinelPort, masterPort));
		this.sentinel = new ProcessBuilder("redis-server", config.toString(), "--sentinel")
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		awaitPort(sentinelPort);
		this.store = new RedisEphemeralStore(EphemeralStoreConfig.redis(new EphemeralStoreConfig.Settings("redis",
				"sentinel", List.of("127.0.0.1:" + sentinelPort), "hpid-master", null, null, Duration.ofSeconds(2), 8,
				"hpid-sentinel-test:")), "hpid-sentinel-test:");
	}

	@AfterAll
	void stop() throws InterruptedException {
		if (this.store != null) {
			this.store.close();
		}
		for (Process process : new Process[] { this.sentinel, this.master }) {
			if (process != null) {
				process.destroyForcibly();
				process.waitFor();
			}
		}
	}

	@Override
	EphemeralStore store() {
		return this.store;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void awaitPort(int port) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (Instant.now().isBefore(deadline)) {
			try (Socket socket = new Socket("127.0.0.1", port)) {
				return;
			}
			catch (IOException notYet) {
				Thread.sleep(50);
			}
		}
		throw new IllegalStateException("nothing listens on port " + port);
	}

}
