package vn.haiphong.hpid.tests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Real processes for the cluster tests: hpid nodes from the built jar, and nginx in front. */
final class ClusterProcesses {

	private ClusterProcesses() {
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** One hpid node: `java -jar idp/target/hpid-exec.jar` with the given settings. */
	static final class Node implements AutoCloseable {

		final int port;

		final int managementPort;

		private final List<String> command;

		private final Path log;

		private Process process;

		Node(String name, Path directory, List<String> settings) throws IOException {
			this.port = freePort();
			this.managementPort = freePort();
			Path jar = Path.of("..", "idp", "target", "hpid-exec.jar").toAbsolutePath().normalize();
			if (!Files.exists(jar)) {
				throw new IllegalStateException("Build the server first: " + jar + " is missing");
			}
			this.command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + this.port,
					"--management.server.port=" + this.managementPort));
			this.command.addAll(settings);
			this.log = directory.resolve(name + ".log");
		}

		void start() throws Exception {
			this.process = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
			HttpClient http = HttpClient.newHttpClient();
			Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
			while (Instant.now().isBefore(deadline)) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("hpid node exited; see " + this.log + ":\n" + tail());
				}
				try {
					HttpResponse<Void> ready = http.send(HttpRequest
						.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/health/readiness"))
						.build(), HttpResponse.BodyHandlers.discarding());
					if (ready.statusCode() == 200) {
						return;
					}
				}
				catch (IOException notYet) {
					// still starting
				}
				Thread.sleep(250);
			}
			throw new IllegalStateException("hpid node not ready in time; see " + this.log + ":\n" + tail());
		}

		/** Stops the node the hard way, as a crash would. */
		void kill() throws InterruptedException {
			if (this.process != null) {
				this.process.destroyForcibly();
				this.process.waitFor();
			}
		}

		String base() {
			return "http://127.0.0.1:" + this.port;
		}

		String tail() {
			try {
				List<String> lines = Files.readAllLines(this.log);
				return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
			}
			catch (IOException ex) {
				return "(no log)";
			}
		}

		@Override
		public void close() throws InterruptedException {
			if (this.process != null) {
				this.process.destroy();
				if (!this.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
		}

	}

	/** nginx on loopback, balancing over the nodes (Debian package nginx, installed by bin/test). */
	static final class Nginx implements AutoCloseable {

		final int port;

		private final Process process;

		Nginx(Path directory, List<Node> nodes, int port) throws Exception {
			this.port = port;
			Path prefix = Files.createDirectories(directory.resolve("nginx"));
			Files.createDirectories(prefix.resolve("logs"));
			Files.createDirectories(prefix.resolve("tmp"));
			StringBuilder upstream = new StringBuilder();
			for (Node node : nodes) {
				upstream.append("    server 127.0.0.1:").append(node.port).append(" max_fails=1 fail_timeout=3s;\n");
			}
			String conf = """
					worker_processes 1;
					daemon off;
					pid %1$s/nginx.pid;
					error_log %1$s/logs/error.log warn;
					events { worker_connections 512; }
					http {
					  access_log off;
					  client_body_temp_path %1$s/tmp/body;
					  proxy_temp_path %1$s/tmp/proxy;
					  fastcgi_temp_path %1$s/tmp/fastcgi;
					  uwsgi_temp_path %1$s/tmp/uwsgi;
					  scgi_temp_path %1$s/tmp/scgi;
					  upstream hpid {
					%2$s    keepalive 16;
					  }
					  server {
					    listen 127.0.0.1:%3$d;
					    location / {
					      proxy_pass http://hpid;
					      proxy_http_version 1.1;
					      proxy_set_header Connection "";
					      proxy_set_header Host $http_host;
					      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
					      proxy_set_header X-Forwarded-Proto $scheme;
					      proxy_next_upstream error timeout http_502;
					      proxy_connect_timeout 2s;
					    }
					  }
					}
					""".formatted(prefix, upstream, this.port);
			Path file = prefix.resolve("nginx.conf");
			Files.writeString(file, conf);
			String nginx = Files.exists(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
			this.process = new ProcessBuilder(nginx, "-p", prefix.toString(), "-c", file.toString())
				.redirectErrorStream(true)
				.redirectOutput(prefix.resolve("logs/stdout.log").toFile())
				.start();
			Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
			while (Instant.now().isBefore(deadline)) {
				try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
					return;
				}
				catch (IOException notYet) {
					if (!this.process.isAlive()) {
						throw new IllegalStateException("nginx exited: " + Files.readString(prefix.resolve("logs/stdout.log")));
					}
					Thread.sleep(50);
				}
			}
			throw new IllegalStateException("nginx did not start");
		}

		String base() {
			return "http://127.0.0.1:" + this.port;
		}

		@Override
		public void close() throws InterruptedException {
			this.process.destroy();
			this.process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
			this.process.destroyForcibly();
		}

	}

}
