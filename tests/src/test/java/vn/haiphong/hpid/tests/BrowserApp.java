package vn.haiphong.hpid.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

/**
 * A single-page app served from origins other than hpid's: {@code /spa.html} at
 * {@code http://127.0.0.1:{registeredPort}}, the web origin of the test client
 * {@code spa-web}, and the same page at {@code http://127.0.0.1:{unregisteredPort}}, an
 * origin no client lists (a redirect URI of {@code spa-web} all the same, so only CORS
 * stands in its way). The page runs the code flow with PKCE and {@code fetch} and writes
 * what happened into the page.
 */
final class BrowserApp {

	static final String CLIENT_ID = "spa-web";

	private static HttpServer registered;

	private static HttpServer unregistered;

	private BrowserApp() {
	}

	static synchronized int registeredPort() throws IOException {
		if (registered == null) {
			registered = serve();
		}
		return registered.getAddress().getPort();
	}

	static synchronized int unregisteredPort() throws IOException {
		if (unregistered == null) {
			unregistered = serve();
		}
		return unregistered.getAddress().getPort();
	}

	/** The origin {@code spa-web} registered, as a browser sends it. */
	static String registeredOrigin() throws IOException {
		return "http://127.0.0.1:" + registeredPort();
	}

	static String unregisteredOrigin() throws IOException {
		return "http://127.0.0.1:" + unregisteredPort();
	}

	/** The page's address (and redirect URI) at an origin. */
	static String page(String origin) {
		return origin + "/spa.html";
	}

	private static HttpServer serve() throws IOException {
		byte[] page;
		try (InputStream in = BrowserApp.class.getResourceAsStream("/browser-app/spa.html")) {
			page = in.readAllBytes();
		}
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/spa.html", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.getResponseHeaders().set("Cache-Control", "no-store");
			exchange.sendResponseHeaders(200, page.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(page);
			}
		});
		server.start();
		return server;
	}

}
