package vn.haiphong.hpid.tests;

/** The protocol suite on PostgreSQL at 127.0.0.1:5432, as configured for production. */
class ProtocolOnPostgresTest extends ProtocolSuite {

	@Override
	HpidServer.Database database() {
		return HpidServer.Database.POSTGRESQL;
	}

}
