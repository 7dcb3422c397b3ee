package vn.haiphong.hpid.tests;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** The back-channel logout endpoints of the test clients: they keep every logout token received. */
final class LogoutReceivers {

	private static HttpServer server;

	private static final Map<String, List<String>> RECEIVED = new ConcurrentHashMap<>();

	private LogoutReceivers() {
	}

	static synchronized int port() throws IOException {
		if (server == null) {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/bcl/", (exchange) -> {
				String client = exchange.getRequestURI().getPath().substring("/bcl/".length());
				try (InputStream in = exchange.getRequestBody()) {
					String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
					for (String pair : body.split("&")) {
						if (pair.startsWith("logout_token=")) {
							RECEIVED.computeIfAbsent(client, (c) -> new CopyOnWriteArrayList<>())
								.add(URLDecoder.decode(pair.substring("logout_token=".length()), StandardCharsets.UTF_8));
						}
					}
				}
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			server.start();
		}
		return server.getAddress().getPort();
	}

	static List<String> received(String client) {
		return RECEIVED.getOrDefault(client, List.of());
	}

}
