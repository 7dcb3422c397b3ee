package vn.haiphong.hpid.identity;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.haiphong.hpid.spi.IdentityKind;
import vn.haiphong.hpid.spi.LevelOfAssurance;
import vn.haiphong.hpid.spi.PersonalIdNumber;
import vn.haiphong.hpid.spi.VerifiedIdentity;
import vn.haiphong.hpid.spi.VietnameseName;

/**
 * The {@code verified_identity} table: which person each personal ID number belongs to,
 * and the attributes the upstream vouched for. The database's unique index on
 * (realm, personal_id) is the final word on who holds a number.
 */
public class VerifiedIdentities {

	private final JdbcClient jdbc;

	private final Clock clock;

	public VerifiedIdentities(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The number is already linked to someone (possibly by a sign-in that raced this one). */
	public static final class AlreadyLinkedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		AlreadyLinkedException() {
			super("This personal ID number or this person is already linked");
		}

	}

	public Optional<VerifiedPerson> findByPerson(String realm, String personId) {
		return this.jdbc.sql("select * from verified_identity where realm = ? and person_id = ?")
			.params(realm, personId)
			.query(VerifiedIdentities::row)
			.optional();
	}

	public Optional<VerifiedPerson> findByPersonalId(String realm, PersonalIdNumber personalId) {
		return this.jdbc.sql("select * from verified_identity where realm = ? and personal_id = ?")
			.params(realm, personalId.value())
			.query(VerifiedIdentities::row)
			.optional();
	}

	/** Links the identity to the person; refused by the database if either is linked already. */
	void link(String realm, String personId, VerifiedIdentity identity) {
		Timestamp now = Timestamp.from(this.clock.instant());
		try {
			this.jdbc.sql("""
					insert into verified_identity (realm, person_id, personal_id, provider, kind, full_name,
					    family_name, middle_name, given_name, birthdate, gender, level, enterprise_tax_code,
					    enterprise_name, linked_at, refreshed_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(realm, personId, personalId(identity), identity.providerAlias(), identity.kind().name(),
						name(identity, VietnameseName::fullName), family(identity), middle(identity),
						name(identity, VietnameseName::givenName), birthdate(identity), gender(identity),
						identity.level().name(), taxCode(identity), enterpriseName(identity), now, now)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new AlreadyLinkedException();
		}
	}

	/** Replaces the verified attributes with what the upstream says today. */
	void refresh(String realm, String personId, VerifiedIdentity identity) {
		this.jdbc.sql("""
				update verified_identity set provider = ?, kind = ?, full_name = ?, family_name = ?, middle_name = ?,
				    given_name = ?, birthdate = ?, gender = ?, level = ?, enterprise_tax_code = ?, enterprise_name = ?,
				    refreshed_at = ?
				where realm = ? and person_id = ? and personal_id = ?""")
			.params(identity.providerAlias(), identity.kind().name(), name(identity, VietnameseName::fullName),
					family(identity), middle(identity), name(identity, VietnameseName::givenName),
					birthdate(identity), gender(identity), identity.level().name(), taxCode(identity),
					enterpriseName(identity), Timestamp.from(this.clock.instant()), realm, personId,
					personalId(identity))
			.update();
	}

	/** Removes the link; the person and their {@code sub} stay. */
	public boolean unlink(String realm, String personId) {
		return this.jdbc.sql("delete from verified_identity where realm = ? and person_id = ?")
			.params(realm, personId)
			.update() > 0;
	}

	private static String personalId(VerifiedIdentity identity) {
		return identity.personalId().orElseThrow(() -> new IllegalArgumentException("no personal ID number")).value();
	}

	private static String name(VerifiedIdentity identity, java.util.function.Function<VietnameseName, String> part) {
		return identity.name().map(part).orElse(null);
	}

	private static String family(VerifiedIdentity identity) {
		return identity.name().flatMap(VietnameseName::familyName).orElse(null);
	}

	private static String middle(VerifiedIdentity identity) {
		return identity.name().flatMap(VietnameseName::middleName).orElse(null);
	}

	private static Date birthdate(VerifiedIdentity identity) {
		return identity.birthDate().map(Date::valueOf).orElse(null);
	}

	private static String gender(VerifiedIdentity identity) {
		return identity.gender().map((g) -> g.name().toLowerCase(Locale.ROOT)).orElse(null);
	}

	private static String taxCode(VerifiedIdentity identity) {
		return identity.enterprise().map(VerifiedIdentity.Enterprise::taxCode).orElse(null);
	}

	private static String enterpriseName(VerifiedIdentity identity) {
		return identity.enterprise().flatMap(VerifiedIdentity.Enterprise::name).orElse(null);
	}

	private static VerifiedPerson row(ResultSet rs, int row) throws SQLException {
		Date birthdate = rs.getDate("birthdate");
		return new VerifiedPerson(rs.getString("realm"), rs.getString("person_id"), rs.getString("personal_id"),
				rs.getString("provider"), IdentityKind.valueOf(rs.getString("kind")),
				Optional.ofNullable(rs.getString("full_name")), Optional.ofNullable(rs.getString("family_name")),
				Optional.ofNullable(rs.getString("middle_name")), Optional.ofNullable(rs.getString("given_name")),
				Optional.ofNullable(birthdate).map(Date::toLocalDate), Optional.ofNullable(rs.getString("gender")),
				LevelOfAssurance.valueOf(rs.getString("level")),
				Optional.ofNullable(rs.getString("enterprise_tax_code")),
				Optional.ofNullable(rs.getString("enterprise_name")), rs.getTimestamp("linked_at").toInstant(),
				rs.getTimestamp("refreshed_at").toInstant());
	}

}
