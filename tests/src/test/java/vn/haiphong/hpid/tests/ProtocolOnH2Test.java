package vn.haiphong.hpid.tests;

/** The protocol suite on the embedded default database (H2). */
class ProtocolOnH2Test extends ProtocolSuite {

	@Override
	HpidServer.Database database() {
		return HpidServer.Database.H2;
	}

}
