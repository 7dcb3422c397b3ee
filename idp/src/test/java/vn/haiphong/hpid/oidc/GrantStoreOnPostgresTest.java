package vn.haiphong.hpid.oidc;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;

import vn.haiphong.hpid.PostgresDatabases;

/** The same contract on PostgreSQL at 127.0.0.1:5432 (HPID_TEST_PGHOST to change the host). */
class GrantStoreOnPostgresTest extends GrantStoreContract {

	private final PostgresDatabases databases = new PostgresDatabases("hpid_grants");

	@Override
	DataSource dataSource() {
		return this.databases.create();
	}

	@AfterEach
	void dropDatabases() {
		this.databases.close();
	}

}
