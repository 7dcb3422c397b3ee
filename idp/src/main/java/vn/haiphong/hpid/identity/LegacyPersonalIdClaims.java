package vn.haiphong.hpid.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import vn.haiphong.hpid.spi.PersonalIdNumber;

/**
 * The personal ID numbers that legacy systems held about imported people (table
 * {@code unverified_personal_id}, written by the import). A claim is never a verified
 * identity and nothing is linked through it; it is kept to be confirmed, or contradicted,
 * when its person links a verified identity, and so that administrators can find the
 * accounts that claim a number.
 */
public class LegacyPersonalIdClaims {

	/** What the person's verified identity said about the claim. */
	public enum Check {

		/** No verified identity has been linked to the person since the import. */
		UNCHECKED,
		/** The person linked a verified identity with the same number. */
		CONFIRMED,
		/** The person linked a verified identity with another number. */
		MISMATCHED

	}

	/** One person's claim: the number, where it came from, and what became of it. */
	public record Claim(String personId, String personalId, String source, Instant recordedAt, Check check,
			Instant checkedAt) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	public LegacyPersonalIdClaims(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Optional<Claim> findByPerson(String realm, String personId) {
		return this.jdbc.sql("select * from unverified_personal_id where realm = ? and person_id = ?")
			.params(realm, personId)
			.query(LegacyPersonalIdClaims::row)
			.optional();
	}

	/** The people whose claim is this number; several, when legacy records disagreed. */
	public List<Claim> findByPersonalId(String realm, String personalId, int limit) {
		return this.jdbc
			.sql("select * from unverified_personal_id where realm = ? and personal_id = ? order by person_id limit ?")
			.params(realm, personalId, limit)
			.query(LegacyPersonalIdClaims::row)
			.list();
	}

	/**
	 * Compares the person's claim, if there is one, with the number of the verified
	 * identity just linked to them, and records the result.
	 * @return the result; {@link Check#UNCHECKED} when the person has no claim
	 */
	Check check(String realm, String personId, PersonalIdNumber verified) {
		Optional<Claim> claim = findByPerson(realm, personId);
		if (claim.isEmpty()) {
			return Check.UNCHECKED;
		}
		Check result = claim.get().personalId().equals(verified.value()) ? Check.CONFIRMED : Check.MISMATCHED;
		this.jdbc.sql("update unverified_personal_id set check_result = ?, checked_at = ? where realm = ? and person_id = ?")
			.params(result.name(), Timestamp.from(this.clock.instant()), realm, personId)
			.update();
		return result;
	}

	private static Claim row(ResultSet rs, int row) throws SQLException {
		String check = rs.getString("check_result");
		Timestamp checkedAt = rs.getTimestamp("checked_at");
		return new Claim(rs.getString("person_id"), rs.getString("personal_id"), rs.getString("source"),
				rs.getTimestamp("recorded_at").toInstant(), check == null ? Check.UNCHECKED : Check.valueOf(check),
				checkedAt == null ? null : checkedAt.toInstant());
	}

}
