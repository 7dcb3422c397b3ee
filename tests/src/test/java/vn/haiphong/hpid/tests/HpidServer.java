package vn.haiphong.hpid.tests;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import vn.haiphong.hpid.HpidApplication;

/**
 * A real hpid server on a free port, started the way production starts it, with the
 * test realm. Tests talk to it over HTTP only.
 */
final class HpidServer implements AutoCloseable {

	static final String APP_A_SECRET = "app-a-secret-0123456789-0123456789-abcdef";

	static final String APP_B_SECRET = "app-b-secret-0123456789-0123456789-abcdef";

	static final String SERVICE_SECRET = "service-secret-0123456789-0123456789-abcdef";

	enum Database {

		H2, POSTGRESQL

	}

	private final ConfigurableApplicationContext context;

	private final int port;

	private final String postgresDatabase;

	private Path dataDirectory;

	private List<String> startArgs;

	private HpidServer(ConfigurableApplicationContext context, String postgresDatabase) {
		this.context = context;
		this.postgresDatabase = postgresDatabase;
		this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	static HpidServer start(Database database, String... extraArgs) throws Exception {
		Path data = Files.createTempDirectory("hpid-test");
		Path realms = RealmFiles.write(data);
		byte[] masterKey = new byte[32];
		new java.security.SecureRandom().nextBytes(masterKey);
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--spring.profiles.active=test", "--hpid.data-directory=" + data,
				"--hpid.master-key=" + Base64.getEncoder().encodeToString(masterKey),
				"--hpid.realm-locations=file:" + realms + "/*.yaml", "--hpid.demo=false",
				"--TEST_APP_A_SECRET=" + APP_A_SECRET, "--TEST_APP_B_SECRET=" + APP_B_SECRET,
				"--TEST_SERVICE_SECRET=" + SERVICE_SECRET, "--hpid.backchannel-logout.first-backoff=100ms"));
		args.addAll(List.of(extraArgs));
		String name = null;
		if (database == Database.POSTGRESQL) {
			name = "hpid_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
			try (Connection connection = DriverManager.getConnection(postgresUrl("postgres"), "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute("create database " + name);
			}
			args.add("--spring.datasource.url=" + postgresUrl(name));
			args.add("--spring.datasource.username=postgres");
			args.add("--spring.datasource.password=");
		}
		else {
			args.add("--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID()
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(HpidApplication.class)
			.run(args.toArray(String[]::new));
		HpidServer server = new HpidServer(context, name);
		server.dataDirectory = data;
		server.startArgs = args;
		return server;
	}

	/**
	 * Another node of the same deployment: same database, master key, realm files and
	 * secrets, its own port and memory (so its own in-memory client catalog). Closing it
	 * leaves the database to the first node.
	 */
	HpidServer anotherNode(String... extraArgs) throws Exception {
		Path data = Files.createTempDirectory("hpid-test-node");
		List<String> args = new ArrayList<>();
		for (String arg : this.startArgs) {
			args.add(arg.startsWith("--hpid.data-directory=") ? "--hpid.data-directory=" + data : arg);
		}
		args.addAll(List.of(extraArgs));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(HpidApplication.class)
			.run(args.toArray(String[]::new));
		HpidServer node = new HpidServer(context, null);
		node.dataDirectory = data;
		node.startArgs = args;
		return node;
	}

	private static String postgresUrl(String database) {
		String host = System.getenv().getOrDefault("HPID_TEST_PGHOST", "127.0.0.1");
		return "jdbc:postgresql://" + host + ":5432/" + database;
	}

	/** The server's own database, for the few checks that no endpoint shows yet. */
	java.sql.Connection database() throws java.sql.SQLException {
		org.springframework.core.env.Environment environment = this.context.getEnvironment();
		return DriverManager.getConnection(environment.getProperty("spring.datasource.url"),
				environment.getProperty("spring.datasource.username", "sa"),
				environment.getProperty("spring.datasource.password", ""));
	}

	/** The server's database, for assertions on the audit trail and the link-conflict table. */
	org.springframework.jdbc.core.simple.JdbcClient jdbc() {
		return this.context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
	}

	/** A bean of the running server, for setting up what no endpoint creates (administrators' roles). */
	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	<T> T bean(String name, Class<T> type) {
		return this.context.getBean(name, type);
	}

	int managementPort() {
		return Integer.parseInt(this.context.getEnvironment().getProperty("local.management.port"));
	}

	String base() {
		return "http://localhost:" + this.port;
	}

	String issuer() {
		return base() + "/realms/haiphong";
	}

	URI uri(String path) {
		return URI.create(base() + path);
	}

	@Override
	public void close() {
		this.context.close();
		try (var files = Files.walk(this.dataDirectory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (java.io.IOException ex) {
			// A leftover temporary directory is harmless.
		}
		if (this.postgresDatabase != null) {
			try (Connection connection = DriverManager.getConnection(postgresUrl("postgres"), "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute("drop database if exists " + this.postgresDatabase);
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException("Cannot drop the test database " + this.postgresDatabase, ex);
			}
		}
	}

}
