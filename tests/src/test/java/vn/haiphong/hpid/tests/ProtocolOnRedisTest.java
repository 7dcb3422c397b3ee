package vn.haiphong.hpid.tests;

import java.util.UUID;

/**
 * The protocol suite as a cluster node runs it: PostgreSQL for durable state, Redis at
 * 127.0.0.1:6379 for codes, sessions, login transactions and throttling.
 */
class ProtocolOnRedisTest extends ProtocolSuite {

	@Override
	HpidServer.Database database() {
		return HpidServer.Database.POSTGRESQL;
	}

	@Override
	String[] extraArgs() {
		return new String[] { "--hpid.ephemeral.type=redis", "--hpid.ephemeral.redis-nodes=127.0.0.1:6379",
				"--hpid.ephemeral.redis-key-prefix=hpid-it-" + UUID.randomUUID() + ":" };
	}

}
