import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator of the benchmark harness: the same code drives hpid and Keycloak.
 * JDK only, so the harness needs nothing but a JDK. Each connection is one thread with one
 * keep-alive socket (HTTP/1.1, no pipelining); an operation is timed from its first byte
 * sent to its last byte received, and only operations that start and end inside the
 * measurement window count. A browser sign-in is one operation of several requests, with
 * a fresh cookie jar, as a new browser would do it.
 *
 * <pre>
 * java -cp CLASSES LoadGen free-port
 * java -cp CLASSES LoadGen run   --server hpid|keycloak --base http://127.0.0.1:PORT --scenario S [options]
 * java -cp CLASSES LoadGen register --base ... --users N        (hpid only: self-registration)
 * </pre>
 * Scenarios: {@code client_credentials}, {@code refresh_token}, {@code sign_in},
 * {@code introspection}, {@code userinfo}, {@code vneid_sign_in} (with
 * {@code --vneid http://127.0.0.1:PORT --citizens N}: the VNeID stand-in, see VneidStandIn),
 * and {@code client_credentials_warm}: the same grants as {@code client_credentials}, recorded
 * apart, for the run's last scenario, when the server's code is compiled.
 */
public final class LoadGen {

	static final String REALM = "bench";

	static final String APP = "bench-app";

	static final String SPA = "bench-spa";

	static final String REDIRECT = "http://127.0.0.1/bench/callback";

	static final String PASSWORD = "Do-Son-Waves-Crash-2026";

	static final SecureRandom RANDOM = new SecureRandom();

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			throw new IllegalArgumentException("usage: LoadGen free-port | run ... | register ...");
		}
		Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
		switch (args[0]) {
			case "free-port" -> {
				try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
					System.out.println(socket.getLocalPort());
				}
			}
			case "register" -> register(options);
			case "run" -> run(options);
			default -> throw new IllegalArgumentException("unknown command " + args[0]);
		}
	}

	static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		return options;
	}

	static String user(int i) {
		return String.format(Locale.ROOT, "bench%04d@bench.example", i);
	}

	// ---------------------------------------------------------------- the run

	static void run(Map<String, String> o) throws Exception {
		Target target = new Target(o.get("server"), o.get("base"), o.get("secret"));
		String scenario = o.get("scenario");
		int connections = Integer.parseInt(o.getOrDefault("connections", "8"));
		double warmup = Double.parseDouble(o.getOrDefault("warmup", "5"));
		double duration = Double.parseDouble(o.getOrDefault("duration", "20"));
		int users = Integer.parseInt(o.getOrDefault("users", "8"));
		int citizens = Integer.parseInt(o.getOrDefault("citizens", "0"));
		Operation operation = switch (scenario) {
			case "client_credentials", "client_credentials_warm" -> LoadGen::clientCredentials;
			case "refresh_token" -> LoadGen::refresh;
			case "sign_in" -> LoadGen::signInOperation;
			case "introspection" -> LoadGen::introspect;
			case "userinfo" -> LoadGen::userinfo;
			case "vneid_sign_in" -> LoadGen::vneidSignIn;
			default -> throw new IllegalArgumentException("unknown scenario " + scenario);
		};
		if (scenario.equals("vneid_sign_in") && (o.get("vneid") == null || citizens < connections)) {
			throw new IllegalArgumentException("vneid_sign_in needs --vneid URL and --citizens N, N >= connections");
		}
		Worker[] workers = new Worker[connections];
		for (int i = 0; i < connections; i++) {
			workers[i] = new Worker(target, user(1 + i % users));
			if (o.get("vneid") != null) {
				workers[i].vneid(o.get("vneid"), i, connections, citizens);
			}
		}
		// Set-up outside the clock: each connection signs in once with the confidential client,
		// for the refresh token it carries forward and the access token it presents.
		if (!scenario.startsWith("client_credentials") && !scenario.equals("sign_in")) {
			for (Worker worker : workers) {
				worker.tokens = signIn(worker, APP, target.secret, "openid profile email");
			}
		}
		Clock clock = new Clock();
		Thread[] threads = new Thread[connections];
		for (int i = 0; i < connections; i++) {
			Worker worker = workers[i];
			threads[i] = new Thread(() -> worker.loop(operation, clock), "conn-" + i);
			threads[i].start();
		}
		Thread.sleep((long) (warmup * 1000));
		clock.start = System.nanoTime();
		Thread.sleep((long) (duration * 1000));
		clock.end = System.nanoTime();
		clock.stop = true;
		for (Thread thread : threads) {
			thread.join(30_000);
		}
		long[] all = new long[0];
		long errors = 0;
		String firstError = null;
		for (Worker worker : workers) {
			long[] mine = Arrays.copyOf(worker.latencies, worker.count);
			long[] merged = Arrays.copyOf(all, all.length + mine.length);
			System.arraycopy(mine, 0, merged, all.length, mine.length);
			all = merged;
			errors += worker.errors;
			if (firstError == null) {
				firstError = worker.firstError;
			}
			worker.connection.close();
			if (worker.upstream != null) {
				worker.upstream.close();
			}
		}
		Arrays.sort(all);
		double seconds = (clock.end - clock.start) / 1e9;
		long ok = all.length - errors;
		double throughput = ok / seconds;
		double p50 = percentile(all, 0.50) / 1e6;
		double p99 = percentile(all, 0.99) / 1e6;
		String line = String.join("\t", "scenario", target.server, scenario, Long.toString(all.length),
				String.format(Locale.ROOT, "%.1f", throughput), String.format(Locale.ROOT, "%.2f", p50),
				String.format(Locale.ROOT, "%.2f", p99), Long.toString(errors));
		System.out.printf(Locale.ROOT, "%-9s %-23s %9.1f/s  p50 %7.2f ms  p99 %7.2f ms  errors %d of %d%n",
				target.server, scenario, throughput, p50, p99, errors, all.length);
		if (firstError != null) {
			System.out.println("  first error: " + firstError);
		}
		if (o.containsKey("out")) {
			Files.writeString(Path.of(o.get("out")), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		if (Boolean.parseBoolean(o.get("check"))) {
			check(target.server, scenario, workers);
		}
	}

	/**
	 * The smoke run's check that the scenario works, not how fast: no operation failed, in
	 * the warm-up or the window, and at least one succeeded. A window of a second or two on
	 * a cold server may hold no whole operation, so the window's own count is no test.
	 */
	static void check(String server, String scenario, Worker[] workers) {
		long ok = 0;
		long failed = 0;
		String first = null;
		for (Worker worker : workers) {
			ok += worker.completedOk;
			failed += worker.failedAnywhere;
			first = first != null ? first : worker.firstFailure;
		}
		if (failed > 0 || ok == 0) {
			System.err.printf(Locale.ROOT, "smoke check failed: %s %s: %d operations succeeded, %d failed%s%n", server,
					scenario, ok, failed, first == null ? "" : "; first failure: " + first);
			System.exit(1);
		}
	}

	static long percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
	}

	static final class Clock {

		volatile long start = Long.MAX_VALUE;

		volatile long end = Long.MAX_VALUE;

		volatile boolean stop;

	}

	interface Operation {

		/** Returns null on success, or what went wrong. */
		String run(Worker worker) throws Exception;

	}

	static final class Worker {

		final Target target;

		final String user;

		final Connection connection;

		Tokens tokens;

		/** The VNeID stand-in, and the citizens this connection signs in as, in turn. */
		Connection upstream;

		int[] citizens;

		int nextCitizen;

		long[] latencies = new long[1 << 14];

		int count;

		long errors;

		String firstError;

		/** Every operation, the warm-up's and those that straddle the window's ends too. */
		long completedOk;

		long failedAnywhere;

		String firstFailure;

		Worker(Target target, String user) {
			this.target = target;
			this.user = user;
			this.connection = new Connection(target.host, target.port);
		}

		/**
		 * Connection {@code index} of {@code connections} takes citizens index+1,
		 * index+1+connections, ...: no two connections ever sign in the same citizen at once,
		 * so a first sign-in (which creates the person) never races another.
		 */
		void vneid(String base, int index, int connections, int citizenCount) {
			java.net.URI uri = java.net.URI.create(base);
			this.upstream = new Connection(uri.getHost(), uri.getPort());
			this.citizens = java.util.stream.IntStream.rangeClosed(1, citizenCount)
				.filter((c) -> (c - 1) % connections == index)
				.toArray();
		}

		String nextCitizen() {
			String pid = VneidStandIn.personalId(this.citizens[this.nextCitizen]);
			this.nextCitizen = (this.nextCitizen + 1) % this.citizens.length;
			return pid;
		}

		void loop(Operation operation, Clock clock) {
			while (!clock.stop) {
				long t0 = System.nanoTime();
				String error;
				try {
					error = operation.run(this);
				}
				catch (Exception ex) {
					error = ex.toString();
					this.connection.close();
				}
				long t1 = System.nanoTime();
				if (error == null) {
					this.completedOk++;
				}
				else if (this.failedAnywhere++ == 0) {
					this.firstFailure = error;
				}
				if (t0 >= clock.start && t1 <= clock.end) {
					if (this.count == this.latencies.length) {
						this.latencies = Arrays.copyOf(this.latencies, this.count * 2);
					}
					this.latencies[this.count++] = t1 - t0;
					if (error != null) {
						this.errors++;
						if (this.firstError == null) {
							this.firstError = error;
						}
					}
				}
			}
		}

	}

	record Tokens(String access, String refresh) {
	}

	/** Where the server is and how its paths look. */
	static final class Target {

		final String server;

		final String host;

		final int port;

		final String secret;

		final String basic;

		Target(String server, String base, String secret) {
			this.server = server;
			java.net.URI uri = java.net.URI.create(base);
			this.host = uri.getHost();
			this.port = uri.getPort();
			this.secret = secret;
			this.basic = secret == null ? null
					: "Basic " + Base64.getEncoder().encodeToString((APP + ":" + secret).getBytes(StandardCharsets.UTF_8));
		}

		String oidc(String endpoint) {
			return "/realms/" + REALM + "/protocol/openid-connect/" + endpoint;
		}

	}

	// ---------------------------------------------------------------- scenarios

	static String clientCredentials(Worker w) throws IOException {
		Response r = w.connection.send("POST", w.target.oidc("token"),
				List.of("Authorization: " + w.target.basic), form("grant_type", "client_credentials"), null);
		return r.status == 200 && r.text().contains("\"access_token\"") ? null : r.describe();
	}

	static String refresh(Worker w) throws Exception {
		Response r = w.connection.send("POST", w.target.oidc("token"), List.of("Authorization: " + w.target.basic),
				form("grant_type", "refresh_token", "refresh_token", w.tokens.refresh()), null);
		String refresh = jsonString(r.text(), "refresh_token");
		if (r.status == 200 && refresh != null) {
			// Rotation: the next grant on this connection presents the token just issued.
			w.tokens = new Tokens(jsonString(r.text(), "access_token"), refresh);
			return null;
		}
		String error = r.describe();
		w.tokens = signIn(w, APP, w.target.secret, "openid profile email");
		return error;
	}

	static String signInOperation(Worker w) throws Exception {
		Tokens tokens = signIn(w, SPA, null, "openid profile");
		return tokens.access() != null ? null : "no access token";
	}

	static String introspect(Worker w) throws IOException {
		Response r = w.connection.send("POST", w.target.oidc("token/introspect"),
				List.of("Authorization: " + w.target.basic), form("token", w.tokens.access()), null);
		return r.status == 200 && r.text().replace(" ", "").contains("\"active\":true") ? null : r.describe();
	}

	static String userinfo(Worker w) throws IOException {
		Response r = w.connection.send("GET", w.target.oidc("userinfo"),
				List.of("Authorization: Bearer " + w.tokens.access()), null, null);
		return r.status == 200 && r.text().contains("\"sub\"") ? null : r.describe();
	}

	// ---------------------------------------------------------------- browser sign-in

	/**
	 * A full sign-in as a new browser does it: authorization request with PKCE S256, the
	 * sign-in form (with its CSRF token on hpid), the redirect with the code, and the code
	 * exchange by the client. Throws on any deviation.
	 */
	static Tokens signIn(Worker w, String clientId, String secret, String scope) throws Exception {
		Map<String, String> jar = new LinkedHashMap<>();
		Connection c = w.connection;
		String verifier = Hashes.random(32);
		String state = Hashes.random(12);
		String authorize = w.target.oidc("auth") + "?" + new String(form("response_type", "code", "client_id",
				clientId, "redirect_uri", REDIRECT, "scope", scope, "state", state, "nonce", Hashes.random(12),
				"code_challenge", Hashes.s256(verifier), "code_challenge_method", "S256"), StandardCharsets.US_ASCII);
		List<String> html = List.of("Accept: text/html,application/xhtml+xml");
		Response r = c.send("GET", authorize, html, null, jar);
		String location;
		if (w.target.server.equals("hpid")) {
			expect(r, 302, "authorize");
			r = c.send("GET", pathOf(r.header("location")), html, null, jar);
			expect(r, 200, "login page");
			String tx = inputValue(r.text(), "tx");
			r = c.send("POST", "/realms/" + REALM + "/login", html, form("tx", tx, "identifier", w.user, "password",
					PASSWORD, "_csrf", inputValue(r.text(), "_csrf")), jar);
			expect(r, 302, "sign-in post");
			r = c.send("GET", pathOf(r.header("location")), html, null, jar);
			expect(r, 302, "authorize after sign-in");
			location = r.header("location");
		}
		else {
			expect(r, 200, "login page");
			Matcher action = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").matcher(r.text());
			if (!action.find()) {
				throw new IllegalStateException("no login form: " + r.describe());
			}
			r = c.send("POST", pathOf(action.group(1).replace("&amp;", "&")), html,
					form("username", w.user, "password", PASSWORD, "credentialId", ""), jar);
			expect(r, 302, "sign-in post");
			location = r.header("location");
		}
		return exchangeCode(w, location, state, verifier, clientId, secret);
	}

	/** The client's side of the redirect back: check the state, exchange the code with the verifier. */
	static Tokens exchangeCode(Worker w, String location, String state, String verifier, String clientId,
			String secret) throws IOException {
		Connection c = w.connection;
		if (location == null || !location.startsWith(REDIRECT + "?")) {
			throw new IllegalStateException("no redirect to the client: " + location);
		}
		String code = queryParameter(location, "code");
		if (!state.equals(queryParameter(location, "state")) || code == null) {
			throw new IllegalStateException("bad authorization response: " + location);
		}
		List<String> auth = secret == null ? List.of()
				: List.of("Authorization: " + w.target.basic);
		byte[] body = secret == null
				? form("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT, "client_id", clientId,
						"code_verifier", verifier)
				: form("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier",
						verifier);
		Response r = c.send("POST", w.target.oidc("token"), auth, body, null);
		expect(r, 200, "code exchange");
		return new Tokens(jsonString(r.text(), "access_token"), jsonString(r.text(), "refresh_token"));
	}

	/**
	 * A sign-in with VNeID as a new browser does it, the same on both servers: the
	 * authorization request with PKCE S256 shows the sign-in page (hpid: after a redirect
	 * to it), the person follows its VNeID button, the server sends the browser to the
	 * stand-in, which sends it back to the server's broker callback with a code; the server
	 * calls the stand-in's token and userinfo endpoints, opens both envelopes with its key,
	 * finds (or, the first time, creates) the person, and redirects, through however many
	 * steps it takes, to the client with a code; then the code exchange. The stand-in hop
	 * goes over this connection's second keep-alive socket.
	 */
	static String vneidSignIn(Worker w) throws Exception {
		Map<String, String> jar = new LinkedHashMap<>();
		Connection c = w.connection;
		String verifier = Hashes.random(32);
		String state = Hashes.random(12);
		String authorize = w.target.oidc("auth") + "?" + new String(form("response_type", "code", "client_id", SPA,
				"redirect_uri", REDIRECT, "scope", "openid profile", "state", state, "nonce", Hashes.random(12),
				"code_challenge", Hashes.s256(verifier), "code_challenge_method", "S256"), StandardCharsets.US_ASCII);
		List<String> html = List.of("Accept: text/html,application/xhtml+xml");
		Response r = c.send("GET", authorize, html, null, jar);
		if (r.status == 302) {
			r = c.send("GET", pathOf(r.header("location")), html, null, jar);
		}
		expect(r, 200, "sign-in page");
		Matcher button = Pattern.compile("href=\"([^\"]*/broker/vneid/login[^\"]*)\"").matcher(r.text());
		if (!button.find()) {
			throw new IllegalStateException("no VNeID button on the sign-in page");
		}
		r = c.send("GET", pathOf(button.group(1).replace("&amp;", "&")), html, null, jar);
		String citizen = w.nextCitizen();
		boolean upstreamVisited = false;
		for (int hop = 0; hop < 12; hop++) {
			if (r.status != 302 && r.status != 303) {
				throw new IllegalStateException("redirect " + hop + ": " + r.describe());
			}
			String location = r.header("location");
			if (location != null && location.startsWith(REDIRECT + "?")) {
				if (!upstreamVisited) {
					throw new IllegalStateException("back at the client without VNeID: " + location);
				}
				Tokens tokens = exchangeCode(w, location, state, verifier, SPA, null);
				return tokens.access() != null ? null : "no access token";
			}
			java.net.URI next = java.net.URI.create(location);
			if (next.getPort() == w.upstream.port && w.upstream.host.equals(next.getHost())) {
				// At VNeID: the person picks the citizen (the sandbox's picker link adds the same parameter).
				r = w.upstream.send("GET", pathOf(location) + "&citizen=" + citizen, html, null, null);
				upstreamVisited = true;
			}
			else {
				r = c.send("GET", pathOf(location), html, null, jar);
			}
		}
		throw new IllegalStateException("too many redirects");
	}

	/** hpid only: creates the bench accounts through the self-registration page. */
	static void register(Map<String, String> o) throws Exception {
		Target target = new Target("hpid", o.get("base"), null);
		int users = Integer.parseInt(o.get("users"));
		AtomicInteger next = new AtomicInteger(1);
		List<Thread> threads = new ArrayList<>();
		List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
		for (int t = 0; t < 2; t++) {
			Thread thread = new Thread(() -> {
				Connection c = new Connection(target.host, target.port);
				for (int i = next.getAndIncrement(); i <= users; i = next.getAndIncrement()) {
					try {
						registerOne(target, c, i);
					}
					catch (Exception ex) {
						failures.add(user(i) + ": " + ex);
					}
				}
				c.close();
			});
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		if (!failures.isEmpty()) {
			throw new IllegalStateException("registration failed: " + failures.get(0));
		}
		System.out.println("registered " + users + " accounts on hpid");
	}

	static void registerOne(Target target, Connection c, int i) throws Exception {
		Map<String, String> jar = new LinkedHashMap<>();
		List<String> html = List.of("Accept: text/html,application/xhtml+xml");
		String authorize = target.oidc("auth") + "?" + new String(form("response_type", "code", "client_id", SPA,
				"redirect_uri", REDIRECT, "scope", "openid", "state", "s", "code_challenge",
				Hashes.s256(Hashes.random(32)), "code_challenge_method", "S256"), StandardCharsets.US_ASCII);
		Response r = c.send("GET", authorize, html, null, jar);
		expect(r, 302, "authorize");
		String tx = queryParameter(r.header("location"), "tx");
		r = c.send("GET", "/realms/" + REALM + "/register?tx=" + tx, html, null, jar);
		expect(r, 200, "registration page");
		r = c.send("POST", "/realms/" + REALM + "/register", html,
				form("tx", tx, "name", String.format(Locale.ROOT, "Load Tester %04d", i), "identifier", user(i),
						"password", PASSWORD, "confirm", PASSWORD, "_csrf", inputValue(r.text(), "_csrf")),
				jar);
		expect(r, 302, "registration post");
	}

	// ---------------------------------------------------------------- small helpers

	static void expect(Response r, int status, String step) {
		if (r.status != status) {
			throw new IllegalStateException(step + ": " + r.describe());
		}
	}

	static String inputValue(String html, String name) {
		Matcher input = Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*>").matcher(html);
		if (input.find()) {
			Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input.group());
			if (value.find()) {
				return value.group(1).replace("&amp;", "&");
			}
		}
		throw new IllegalStateException("no input " + name + " in the page");
	}

	static String pathOf(String location) {
		if (location == null) {
			throw new IllegalStateException("no Location header");
		}
		if (location.startsWith("/")) {
			return location;
		}
		java.net.URI uri = java.net.URI.create(location);
		return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
	}

	static String queryParameter(String url, String name) {
		int q = url.indexOf('?');
		for (String pair : url.substring(q + 1).split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0 && pair.substring(0, eq).equals(name)) {
				return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	static String jsonString(String json, String name) {
		Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
		return m.find() ? m.group(1) : null;
	}

	static byte[] form(String... pairs) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < pairs.length; i += 2) {
			if (sb.length() > 0) {
				sb.append('&');
			}
			sb.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
				.append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
		}
		return sb.toString().getBytes(StandardCharsets.US_ASCII);
	}

	static final class Hashes {

		static String random(int bytes) {
			byte[] b = new byte[bytes];
			RANDOM.nextBytes(b);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
		}

		static String s256(String verifier) throws Exception {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}

	}

	// ---------------------------------------------------------------- HTTP/1.1 over a socket

	record Response(int status, Map<String, List<String>> headers, byte[] body) {

		String header(String name) {
			List<String> values = this.headers.get(name);
			return values == null ? null : values.get(0);
		}

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		String describe() {
			String text = text();
			return "HTTP " + this.status + " " + (text.length() > 200 ? text.substring(0, 200) : text);
		}

	}

	/** One keep-alive connection: a request, then its response, then the next request. */
	static final class Connection implements Closeable {

		final String host;

		final int port;

		Socket socket;

		InputStream in;

		OutputStream out;

		Connection(String host, int port) {
			this.host = host;
			this.port = port;
		}

		Response send(String method, String path, List<String> headers, byte[] body, Map<String, String> jar)
				throws IOException {
			boolean reused = this.socket != null;
			try {
				return exchange(method, path, headers, body, jar);
			}
			catch (StaleConnection ex) {
				// The server closed an idle connection before reading the request: send it again.
				close();
				if (!reused) {
					throw new IOException("connection closed by the server", ex);
				}
				return exchange(method, path, headers, body, jar);
			}
		}

		private Response exchange(String method, String path, List<String> headers, byte[] body,
				Map<String, String> jar) throws IOException {
			if (this.socket == null) {
				this.socket = new Socket();
				this.socket.setTcpNoDelay(true);
				this.socket.connect(new InetSocketAddress(this.host, this.port), 5000);
				this.socket.setSoTimeout(60_000);
				this.in = new BufferedInputStream(this.socket.getInputStream(), 16384);
				this.out = this.socket.getOutputStream();
			}
			StringBuilder head = new StringBuilder(256);
			head.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(this.host).append(':')
				.append(this.port).append("\r\nUser-Agent: hpid-bench\r\n");
			for (String header : headers) {
				head.append(header).append("\r\n");
			}
			if (jar != null && !jar.isEmpty()) {
				head.append("Cookie: ");
				boolean first = true;
				for (Map.Entry<String, String> cookie : jar.entrySet()) {
					head.append(first ? "" : "; ").append(cookie.getKey()).append('=').append(cookie.getValue());
					first = false;
				}
				head.append("\r\n");
			}
			if (body != null) {
				head.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ")
					.append(body.length)
					.append("\r\n");
			}
			head.append("\r\n");
			byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
			byte[] request = body == null ? headBytes : Arrays.copyOf(headBytes, headBytes.length + body.length);
			if (body != null) {
				System.arraycopy(body, 0, request, headBytes.length, body.length);
			}
			try {
				this.out.write(request);
				this.out.flush();
			}
			catch (IOException ex) {
				throw new StaleConnection(ex);
			}
			String statusLine = readLine(true);
			int status = Integer.parseInt(statusLine.split(" ")[1]);
			Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
			for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
				int colon = line.indexOf(':');
				responseHeaders.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
						(k) -> new ArrayList<>(1)).add(line.substring(colon + 1).trim());
			}
			byte[] responseBody;
			String length = first(responseHeaders, "content-length");
			if ("chunked".equalsIgnoreCase(first(responseHeaders, "transfer-encoding"))) {
				ByteArrayOutputStream buffer = new ByteArrayOutputStream();
				for (int size = Integer.parseInt(readLine(false).split(";")[0].trim(), 16); size > 0; size = Integer
					.parseInt(readLine(false).split(";")[0].trim(), 16)) {
					buffer.write(this.in.readNBytes(size));
					readLine(false);
				}
				for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
					// trailers
				}
				responseBody = buffer.toByteArray();
			}
			else if (length != null) {
				responseBody = this.in.readNBytes(Integer.parseInt(length));
			}
			else if (status == 204 || status == 304 || status / 100 == 1) {
				responseBody = new byte[0];
			}
			else {
				responseBody = this.in.readAllBytes();
				close();
			}
			if ("close".equalsIgnoreCase(first(responseHeaders, "connection"))) {
				close();
			}
			if (jar != null) {
				for (String cookie : responseHeaders.getOrDefault("set-cookie", List.of())) {
					String pair = cookie.split(";", 2)[0];
					int eq = pair.indexOf('=');
					String name = pair.substring(0, eq).trim();
					String value = pair.substring(eq + 1).trim();
					String lower = cookie.toLowerCase(Locale.ROOT);
					if (value.isEmpty() || lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")) {
						jar.remove(name);
					}
					else {
						jar.put(name, value);
					}
				}
			}
			return new Response(status, responseHeaders, responseBody);
		}

		private static String first(Map<String, List<String>> headers, String name) {
			List<String> values = headers.get(name);
			return values == null ? null : values.get(0);
		}

		private String readLine(boolean statusLine) throws IOException {
			StringBuilder sb = new StringBuilder(64);
			int b;
			while ((b = this.in.read()) != -1) {
				if (b == '\n') {
					int n = sb.length();
					return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
				}
				sb.append((char) b);
			}
			if (statusLine && sb.length() == 0) {
				throw new StaleConnection(new IOException("end of stream before the response"));
			}
			throw new IOException("end of stream in a response");
		}

		@Override
		public void close() {
			if (this.socket != null) {
				try {
					this.socket.close();
				}
				catch (IOException ex) {
					// closing anyway
				}
			}
			this.socket = null;
		}

	}

	static final class StaleConnection extends IOException {

		StaleConnection(IOException cause) {
			super(cause);
		}

	}

}
