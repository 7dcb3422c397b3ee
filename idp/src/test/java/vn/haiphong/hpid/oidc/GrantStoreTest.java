package vn.haiphong.hpid.oidc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import vn.haiphong.hpid.oidc.GrantStore.Grant;
import vn.haiphong.hpid.oidc.GrantStore.RefreshStatus;
import vn.haiphong.hpid.oidc.GrantStore.RefreshToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh-token families in the durable store: read with their grant in one query, and
 * rotated by the token presented, so that of two requests with the same token only one
 * wins.
 */
class GrantStoreTest {

	private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");

	private GrantStore store;

	@BeforeEach
	void setUp() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
		Flyway.configure().dataSource(dataSource).load().migrate();
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
		for (int i = 1; i <= 500; i++) {
			assertThat(this.store.rotate("g1", presented, token("t" + i))).isTrue();
			presented = "t" + i;
		}

		assertThat(this.store.findFamily("t499").orElseThrow().token().status()).isEqualTo(RefreshStatus.ROTATED);
		assertThat(this.store.findFamily("t500").orElseThrow().token().status()).isEqualTo(RefreshStatus.ACTIVE);
		assertThat(this.store.rotate("g1", "t250", token("late"))).as("a rotated token").isFalse();
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

	private static RefreshToken token(String hash) {
		return new RefreshToken(hash, "g1", RefreshStatus.ACTIVE, NOW, NOW.plus(10, ChronoUnit.HOURS));
	}

}
