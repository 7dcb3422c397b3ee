package vn.haiphong.hpid.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The contract on a private three-master Redis Cluster on free loopback ports. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisClusterEphemeralStoreTest extends EphemeralStoreContract {

	private final List<Process> nodes = new ArrayList<>();

	private RedisEphemeralStore store;

	@BeforeAll
	void start() throws Exception {
		Path directory = Files.createTempDirectory("redis-cluster");
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			int port = freePort();
			this.nodes.add(new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no", "--cluster-enabled", "yes", "--cluster-config-file",
					"nodes-" + port + ".conf", "--dir", directory.toString())
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start());
			awaitPort(port);
			addresses.add("127.0.0.1:" + port);
		}
		List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
		create.addAll(addresses);
		create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
		Process creating = new ProcessBuilder(create).redirectErrorStream(true).start();
		String output = new String(creating.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (creating.waitFor() != 0) {
			throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
		}
		awaitClusterOk(addresses.get(0));
		this.store = new RedisEphemeralStore(EphemeralStoreConfig.redis(new EphemeralStoreConfig.Settings("redis",
				"cluster", addresses, null, null, null, Duration.ofSeconds(2), 8, "hpid-cluster-test:")),
				"hpid-cluster-test:");
	}

	@AfterAll
	void stop() throws InterruptedException {
		if (this.store != null) {
			this.store.close();
		}
		for (Process node : this.nodes) {
			node.destroyForcibly();
			node.waitFor();
		}
	}

	@Override
	EphemeralStore store() {
		return this.store;
	}

	private static void awaitClusterOk(String address) throws Exception {
		String[] hostPort = address.split(":");
		Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
		while (Instant.now().isBefore(deadline)) {
			Process info = new ProcessBuilder("redis-cli", "-h", hostPort[0], "-p", hostPort[1], "cluster", "info")
				.start();
			String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			info.waitFor();
			if (text.contains("cluster_state:ok")) {
				return;
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("the Redis cluster did not become ready");
	}

	private static int freePort() throws IOException {
		// Cluster nodes also listen on port + 10000: pick ports that leave room for it.
		while (true) {
			try (ServerSocket socket = new ServerSocket(0)) {
				int port = socket.getLocalPort();
				if (port < 55000) {
					return port;
				}
			}
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
