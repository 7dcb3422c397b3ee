package vn.haiphong.hpid.oidc;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;

import vn.haiphong.hpid.TestDatabases;

/** The same contract on PostgreSQL at 127.0.0.1:5432 (HPID_TEST_PGHOST to change the host). */
class GrantStoreOnPostgresTest extends GrantStoreContract {

	@RegisterExtension
	final TestDatabases databases = new TestDatabases("hpid_grants");

	@Override
	DataSource dataSource() {
		return this.databases.postgres();
	}

}
