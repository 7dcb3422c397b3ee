package vn.haiphong.hpid;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

import vn.haiphong.hpid.schema.SchemaMigration;

/**
 * New, empty databases for store tests: an in-memory H2 in PostgreSQL mode, or a database
 * on the PostgreSQL at 127.0.0.1:5432 (HPID_TEST_PGHOST to change the host). Registered as
 * an extension ({@code @RegisterExtension}), it drops the PostgreSQL databases it made
 * after each test.
 */
public final class TestDatabases implements AfterEachCallback {

	private final String prefix;

	private final List<String> databases = new ArrayList<>();

	/** @param prefix the start of the PostgreSQL databases' names */
	public TestDatabases(String prefix) {
		this.prefix = prefix;
	}

	/** A new in-memory H2 database, empty. */
	public static DataSource h2() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
		return dataSource;
	}

	/** The database with hpid's tables (migrated as the server does at start). */
	public static DataSource migrated(DataSource dataSource) {
		new SchemaMigration(dataSource).migrate();
		return dataSource;
	}

	/** A new PostgreSQL database, empty; dropped after the test. */
	public DataSource postgres() {
		String name = this.prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute("create database " + name);
		this.databases.add(name);
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(url(name));
		dataSource.setUser("postgres");
		return dataSource;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		for (String name : this.databases) {
			execute("drop database if exists " + name + " with (force)");
		}
		this.databases.clear();
	}

	private static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

	private static String url(String database) {
		return "jdbc:postgresql://" + System.getenv().getOrDefault("HPID_TEST_PGHOST", "127.0.0.1") + ":5432/"
				+ database;
	}

}
