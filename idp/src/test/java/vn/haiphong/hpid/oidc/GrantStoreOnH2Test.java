package vn.haiphong.hpid.oidc;

import javax.sql.DataSource;

import vn.haiphong.hpid.TestDatabases;

class GrantStoreOnH2Test extends GrantStoreContract {

	@Override
	DataSource dataSource() {
		return TestDatabases.h2();
	}

}
