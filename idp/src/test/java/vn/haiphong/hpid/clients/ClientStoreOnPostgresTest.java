package vn.haiphong.hpid.clients;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.postgresql.ds.PGSimpleDataSource;

/** The same contract on PostgreSQL at 127.0.0.1:5432 (HPID_TEST_PGHOST to change the host). */
class ClientStoreOnPostgresTest extends ClientStoreContract {

	private final List<String> databases = new ArrayList<>();

	@Override
	DataSource dataSource() {
		String name = "hpid_clients_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute("create database " + name);
		this.databases.add(name);
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(url(name));
		dataSource.setUser("postgres");
		return dataSource;
	}

	@AfterEach
	void dropDatabases() {
		for (String name : this.databases) {
			execute("drop database if exists " + name + " with (force)");
		}
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
