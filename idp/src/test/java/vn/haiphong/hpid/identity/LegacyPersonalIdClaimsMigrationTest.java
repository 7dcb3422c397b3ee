package vn.haiphong.hpid.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.haiphong.hpid.TestDatabases;
import vn.haiphong.hpid.identity.LegacyPersonalIdClaims.Check;

/**
 * V9 gives the claims of people who linked before it existed their result, on H2 and on
 * PostgreSQL: the same number confirmed, another number mismatched, no link unchecked.
 */
class LegacyPersonalIdClaimsMigrationTest {

	@RegisterExtension
	final TestDatabases databases = new TestDatabases("hpid_claims_test");

	@Test
	void onH2() {
		claimsOfPeopleWhoLinkedBeforeGetTheirResult(TestDatabases.h2());
	}

	@Test
	void onPostgres() {
		claimsOfPeopleWhoLinkedBeforeGetTheirResult(this.databases.postgres());
	}

	private void claimsOfPeopleWhoLinkedBeforeGetTheirResult(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).target("8").load().migrate();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		claim(jdbc, "same", "031085001234");
		claim(jdbc, "other", "031085005678");
		claim(jdbc, "unlinked", "031085009012");
		link(jdbc, "same", "031085001234");
		link(jdbc, "other", "031085000001");

		Flyway.configure().dataSource(dataSource).load().migrate();

		LegacyPersonalIdClaims claims = new LegacyPersonalIdClaims(jdbc, Clock.systemUTC());
		Map<String, Check> expected = Map.of("same", Check.CONFIRMED, "other", Check.MISMATCHED, "unlinked",
				Check.UNCHECKED);
		expected.forEach((person, check) -> {
			LegacyPersonalIdClaims.Claim claim = claims.findByPerson("haiphong", person).orElseThrow();
			assertThat(claim.check()).as(person).isEqualTo(check);
			assertThat(claim.checkedAt() != null).as(person + " checked at").isEqualTo(check != Check.UNCHECKED);
		});
	}

	private static void claim(JdbcClient jdbc, String person, String number) {
		jdbc.sql("insert into unverified_personal_id (realm, person_id, personal_id, source, recorded_at) "
				+ "values ('haiphong', ?, ?, 'import', current_timestamp)")
			.params(person, number)
			.update();
	}

	private static void link(JdbcClient jdbc, String person, String number) {
		jdbc.sql("insert into verified_identity (realm, person_id, personal_id, provider, kind, level, linked_at, "
				+ "refreshed_at) values ('haiphong', ?, ?, 'vneid', 'CITIZEN', 'HIGH', current_timestamp, current_timestamp)")
			.params(person, number)
			.update();
	}

}
