package vn.haiphong.hpid.tests;

import java.util.UUID;

/**
 * The admin API as a cluster node runs it: PostgreSQL for people, roles, grants and the
 * audit trail, Redis for SSO sessions (and the per-person session index force sign-out
 * reads) and throttling.
 */
class AdminApiOnPostgresAndRedisTest extends AdminApiTest {

	@Override
	HpidServer.Database database() {
		return HpidServer.Database.POSTGRESQL;
	}

	@Override
	String[] extraArgs() {
		return new String[] { "--hpid.ephemeral.type=redis", "--hpid.ephemeral.redis-nodes=127.0.0.1:6379",
				"--hpid.ephemeral.redis-key-prefix=hpid-admin-it-" + UUID.randomUUID() + ":" };
	}

}
