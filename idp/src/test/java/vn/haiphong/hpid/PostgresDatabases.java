package vn.haiphong.hpid;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * New, empty databases on the PostgreSQL at 127.0.0.1:5432 (HPID_TEST_PGHOST to change the
 * host), one per call, all dropped at {@link #close()}.
 */
public final class PostgresDatabases implements AutoCloseable {

	private final String prefix;

	private final List<String> databases = new ArrayList<>();

	public PostgresDatabases(String prefix) {
		this.prefix = prefix;
	}

	public DataSource create() {
		String name = this.prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute("create database " + name);
		this.databases.add(name);
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(url(name));
		dataSource.setUser("postgres");
		return dataSource;
	}

	@Override
	public void close() {
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
