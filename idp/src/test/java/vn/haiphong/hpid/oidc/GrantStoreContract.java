package vn.haiphong.hpid.oidc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import vn.haiphong.hpid.TestDatabases;
import vn.haiphong.hpid.login.MutableClock;
import vn.haiphong.hpid.oidc.GrantStore.Grant;
import vn.haiphong.hpid.oidc.GrantStore.RefreshStatus;
import vn.haiphong.hpid.oidc.GrantStore.RefreshToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh-token families in the durable store: read with their grant in one query, and
 * rotated by the token presented, so that of two requests with the same token only one
 * wins; purged once nothing can use them. On H2 and PostgreSQL (the subclasses).
 */
abstract class GrantStoreContract {

	private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");

	private GrantStore store;

	abstract DataSource dataSource();

	@BeforeEach
	void setUp() {
		DataSource dataSource = TestDatabases.migrated(dataSource());
		this.store = new GrantStore(JdbcClient.create(dataSource));
		this.store.create(new Grant("g1", "city", "portal", "person-1", Set.of("openid", "profile"), "sid-1", NOW,
				"1", List.of("pwd"), NOW, NOW.plus(10, ChronoUnit.HOURS), null), token("t0"));
	}

	@Test
	void readsATokenWithItsFamily() {
		GrantStore.Family family = this.store.findFamily("t0").orElseThrow();

		assertThat(family.token()).isEqualTo(token("t0"));
		assertThat(family.grant().id()).isEqualTo("g1");
		assertThat(family.grant().personId()).isEqualTo("person-1");
		assertThat(family.grant().scopes()).containsExactlyInAnyOrder("openid", "profile");
		assertThat(family.grant().amr()).containsExactly("pwd");
		assertThat(this.store.findFamily("unknown")).isEmpty();
	}

	@Test
	void ofTwoRotationsOfTheSameTokenOnlyOneWins() {
		assertThat(this.store.rotate("g1", "t0", token("t1"))).isTrue();
		assertThat(this.store.rotate("g1", "t0", token("t1-other"))).as("the same token again").isFalse();

		assertThat(this.store.findFamily("t0").orElseThrow().token().status()).isEqualTo(RefreshStatus.ROTATED);
		assertThat(this.store.findFamily("t1").orElseThrow().token().status()).isEqualTo(RefreshStatus.ACTIVE);
		assertThat(this.store.findFamily("t1-other")).isEmpty();
	}

	@Test
	void rotatesTheActiveTokenOfAFamilyWithManyRotatedOnes() {
		String presented = "t0";
		for (int i = 1; i <= 100; i++) {
			assertThat(this.store.rotate("g1", presented, token("t" + i))).isTrue();
			presented = "t" + i;
		}

		assertThat(this.store.findFamily("t99").orElseThrow().token().status()).isEqualTo(RefreshStatus.ROTATED);
		assertThat(this.store.findFamily("t100").orElseThrow().token().status()).isEqualTo(RefreshStatus.ACTIVE);
		assertThat(this.store.rotate("g1", "t50", token("late"))).as("a rotated token").isFalse();
	}

	@Test
	void aRevokedFamilyIsNotRotated() {
		this.store.revoke("g1", "logout", NOW);

		assertThat(this.store.rotate("g1", "t0", token("t1"))).isFalse();
		assertThat(this.store.rotate("g1", token("t1"))).isFalse();
		GrantStore.Family family = this.store.findFamily("t0").orElseThrow();
		assertThat(family.token().status()).isEqualTo(RefreshStatus.REVOKED);
		assertThat(family.grant().revoked()).isTrue();
	}

	@Test
	void aTokenIsRotatedOnlyWithinItsOwnFamily() {
		this.store.create(new Grant("g2", "city", "portal", "person-2", Set.of("openid"), null, NOW, null, List.of(),
				NOW, NOW.plus(10, ChronoUnit.HOURS), null), new RefreshToken("u0", "g2", RefreshStatus.ACTIVE, NOW,
						NOW.plus(10, ChronoUnit.HOURS)));

		assertThat(this.store.rotate("g2", "t0", token("x"))).isFalse();
		assertThat(this.store.findFamily("t0").orElseThrow().token().status()).isEqualTo(RefreshStatus.ACTIVE);
	}

	@Test
	void purgesFamiliesAnHourAfterTheyExpireInBatches() {
		// g1 expires at NOW + 10 h. Three more: expired 2 h ago, 30 min ago, and revoked
		// but not expired.
		grantExpiringAt("old", NOW.minus(2, ChronoUnit.HOURS), "old-0", "old-1");
		grantExpiringAt("recent", NOW.minus(30, ChronoUnit.MINUTES), "recent-0");
		grantExpiringAt("revoked", NOW.plus(1, ChronoUnit.HOURS), "revoked-0");
		this.store.revoke("revoked", "logout", NOW);
		for (int i = 0; i < 5; i++) {
			grantExpiringAt("batch-" + i, NOW.minus(3, ChronoUnit.HOURS), "batch-" + i + "-token");
		}
		MutableClock clock = new MutableClock(NOW);

		assertThat(new GrantPurge(this.store, clock).purge()).isEqualTo(6);

		assertThat(this.store.find("old")).isEmpty();
		assertThat(this.store.findFamily("old-0")).isEmpty();
		assertThat(this.store.findFamily("old-1")).isEmpty();
		assertThat(this.store.find("batch-4")).isEmpty();
		assertThat(this.store.find("recent")).as("access tokens may still name it").isPresent();
		assertThat(this.store.find("revoked")).isPresent();
		assertThat(this.store.findFamily("t0")).isPresent();

		clock.advance(java.time.Duration.ofMinutes(31));
		assertThat(new GrantPurge(this.store, clock).purge()).isEqualTo(1);
		assertThat(this.store.find("recent")).isEmpty();
		assertThat(this.store.purgeExpired(NOW.plus(2, ChronoUnit.HOURS), 1)).as("a batch of one").isEqualTo(1);
		assertThat(this.store.find("revoked")).isEmpty();
		assertThat(this.store.find("g1")).isPresent();
	}

	private void grantExpiringAt(String id, Instant expiresAt, String... tokens) {
		this.store.create(new Grant(id, "city", "portal", "person-" + id, Set.of("openid"), null, NOW, null, List.of(),
				NOW.minus(10, ChronoUnit.HOURS), expiresAt, null),
				new RefreshToken(tokens[0], id, RefreshStatus.ACTIVE, NOW, expiresAt));
		for (int i = 1; i < tokens.length; i++) {
			this.store.rotate(id, tokens[i - 1], new RefreshToken(tokens[i], id, RefreshStatus.ACTIVE, NOW, expiresAt));
		}
	}

	private static RefreshToken token(String hash) {
		return new RefreshToken(hash, "g1", RefreshStatus.ACTIVE, NOW, NOW.plus(10, ChronoUnit.HOURS));
	}

}
