package vn.haiphong.hpid.clients;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;

import vn.haiphong.hpid.TestDatabases;

/** The same contract on PostgreSQL at 127.0.0.1:5432 (HPID_TEST_PGHOST to change the host). */
class ClientStoreOnPostgresTest extends ClientStoreContract {

	@RegisterExtension
	final TestDatabases databases = new TestDatabases("hpid_clients");

	@Override
	DataSource dataSource() {
		return this.databases.postgres();
	}

}
