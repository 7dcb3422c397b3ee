package vn.haiphong.hpid.clients;

import javax.sql.DataSource;

import vn.haiphong.hpid.TestDatabases;

class ClientStoreOnH2Test extends ClientStoreContract {

	@Override
	DataSource dataSource() {
		return TestDatabases.h2();
	}

}
