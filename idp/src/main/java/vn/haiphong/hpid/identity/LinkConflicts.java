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

	/** One refused link, as administrators review it. */
	public record Conflict(long id, java.time.Instant at, String realm, String personId, String holderPersonId,
			String provider, String personalIdMasked, String ipAddress, String status, java.time.Instant resolvedAt,
			String resolvedBy, String note) {
	}

	/** The realm's conflicts with that status ({@code OPEN}, {@code RESOLVED}, or null for all), newest first. */
	public java.util.List<Conflict> list(String realm, String status, int limit) {
		String sql = "select * from identity_link_conflict where realm = ?"
				+ (status == null ? "" : " and status = ?") + " order by at desc, id desc limit ?";
		var statement = this.jdbc.sql(sql).param(realm);
		if (status != null) {
			statement = statement.param(status);
		}
		return statement.param(limit).query(LinkConflicts::conflict).list();
	}

	public java.util.Optional<Conflict> find(String realm, long id) {
		return this.jdbc.sql("select * from identity_link_conflict where realm = ? and id = ?")
			.params(realm, id)
			.query(LinkConflicts::conflict)
			.optional();
	}

	/** Marks an open conflict resolved; false when it was not open (resolved already, or absent). */
	public boolean resolve(String realm, long id, String resolvedBy, String note) {
		return this.jdbc.sql("""
				update identity_link_conflict set status = 'RESOLVED', resolved_at = ?, resolved_by = ?,
				    resolution_note = ?
				where realm = ? and id = ? and status = 'OPEN'""")
			.params(Timestamp.from(this.clock.instant()), resolvedBy, note, realm, id)
			.update() == 1;
	}

	private static Conflict conflict(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		Timestamp resolved = rs.getTimestamp("resolved_at");
		return new Conflict(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("realm"),
				rs.getString("person_id"), rs.getString("holder_person_id"), rs.getString("provider"),
				rs.getString("personal_id_masked"), rs.getString("ip_address"), rs.getString("status"),
				resolved == null ? null : resolved.toInstant(), rs.getString("resolved_by"),
				rs.getString("resolution_note"));
	}

	public long openCount(String realm) {
		return this.jdbc.sql("select count(*) from identity_link_conflict where realm = ? and status = 'OPEN'")
			.params(realm)
			.query(Long.class)
			.single();
	}

}
