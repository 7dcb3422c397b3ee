package vn.haiphong.hpid.identity;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Refused attempts to link a personal ID number that belongs to another person: each is
 * a possible takeover attempt, or two accounts of one person, and an administrator
 * decides which (table {@code identity_link_conflict}, status {@code OPEN}).
 */
public class LinkConflicts {

	private final JdbcClient jdbc;

	private final Clock clock;

	public LinkConflicts(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void record(String realm, String personId, String holderPersonId, String provider, String maskedPersonalId,
			String ipAddress) {
		this.jdbc.sql("""
				insert into identity_link_conflict (at, realm, person_id, holder_person_id, provider,
				    personal_id_masked, ip_address, status)
				values (?, ?, ?, ?, ?, ?, ?, 'OPEN')""")
			.params(Timestamp.from(this.clock.instant()), realm, personId, holderPersonId, provider, maskedPersonalId,
					ipAddress)
			.update();
	}

	public long openCount(String realm) {
		return this.jdbc.sql("select count(*) from identity_link_conflict where realm = ? and status = 'OPEN'")
			.params(realm)
			.query(Long.class)
			.single();
	}

}
