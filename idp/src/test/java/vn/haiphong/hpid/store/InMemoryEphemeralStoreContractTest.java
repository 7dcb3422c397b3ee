package vn.haiphong.hpid.store;

import java.time.Clock;

class InMemoryEphemeralStoreContractTest extends EphemeralStoreContract {

	private final InMemoryEphemeralStore store = new InMemoryEphemeralStore(Clock.systemUTC());

	@Override
	EphemeralStore store() {
		return this.store;
	}

}
