package vn.haiphong.hpid.person;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.haiphong.hpid.security.Hashes;

/** People and their local credentials in the durable store. */
public class PersonStore {

	private final JdbcClient jdbc;

	private final Clock clock;

	public PersonStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Thrown when the e-mail or phone number already belongs to someone in the realm. */
	public static final class AlreadyRegisteredException extends RuntimeException {

		AlreadyRegisteredException() {
			super("The e-mail address or phone number is already registered");
		}

	}

	public Optional<Person> findById(String realm, String id) {
		return this.jdbc.sql("select * from person where realm = ? and id = ?")
			.params(realm, id)
			.query(PersonStore::person)
			.optional();
	}

	/** Finds a local account by e-mail address or phone number, as a person types it. */
	public Optional<Person> findByLogin(String realm, String identifier) {
		Optional<String> email = LoginIdentifiers.normalizeEmail(identifier);
		if (email.isPresent()) {
			return this.jdbc.sql("select * from person where realm = ? and email_normalized = ?")
				.params(realm, email.get())
				.query(PersonStore::person)
				.optional();
		}
		Optional<String> phone = LoginIdentifiers.normalizePhone(identifier);
		if (phone.isPresent()) {
			return this.jdbc.sql("select * from person where realm = ? and phone = ?")
				.params(realm, phone.get())
				.query(PersonStore::person)
				.optional();
		}
		return Optional.empty();
	}

	/** Creates a local account; the id is random and becomes the person's {@code sub}. */
	public Person create(String realm, Optional<String> email, Optional<String> phone, Optional<String> displayName,
			String passwordHash) {
		String id = Hashes.randomToken(16);
		Instant now = this.clock.instant();
		try {
			this.jdbc.sql("""
					insert into person (id, realm, email, email_normalized, phone, display_name, password_hash,
					    status, created_at, updated_at)
					values (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)""")
				.params(id, realm, email.orElse(null),
						email.map((e) -> e.toLowerCase(Locale.ROOT)).orElse(null), phone.orElse(null),
						displayName.orElse(null), passwordHash, Timestamp.from(now), Timestamp.from(now))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new AlreadyRegisteredException();
		}
		return new Person(id, realm, email, phone, displayName, Optional.of(passwordHash), Person.Status.ACTIVE, now);
	}

	/**
	 * Creates a person known only through a verified identity: no e-mail, phone or password.
	 * The id is random and becomes the person's {@code sub}.
	 */
	public Person createVerified(String realm, Optional<String> displayName) {
		String id = Hashes.randomToken(16);
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into person (id, realm, display_name, status, created_at, updated_at)
				values (?, ?, ?, 'ACTIVE', ?, ?)""")
			.params(id, realm, displayName.orElse(null), Timestamp.from(now), Timestamp.from(now))
			.update();
		return new Person(id, realm, Optional.empty(), Optional.empty(), displayName, Optional.empty(),
				Person.Status.ACTIVE, now);
	}

	/**
	 * People whose display name, or verified full name, contains the text (case folded),
	 * oldest first; at most {@code limit}.
	 */
	public java.util.List<Person> searchByName(String realm, String text, int limit) {
		String pattern = "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
			.replace("_", "\\_") + "%";
		return this.jdbc.sql("""
				select p.* from person p
				left join verified_identity v on v.realm = p.realm and v.person_id = p.id
				where p.realm = ? and (lower(p.display_name) like ? escape '\\' or lower(v.full_name) like ? escape '\\')
				order by p.created_at, p.id
				limit ?""")
			.params(realm, pattern, pattern, limit)
			.query(PersonStore::person)
			.list();
	}

	/** Sets the status; returns false when there is no such person. */
	public boolean updateStatus(String realm, String id, Person.Status status) {
		return this.jdbc.sql("update person set status = ?, updated_at = ? where realm = ? and id = ?")
			.params(status.name(), Timestamp.from(this.clock.instant()), realm, id)
			.update() > 0;
	}

	public void updatePasswordHash(String realm, String id, String passwordHash) {
		this.jdbc.sql("update person set password_hash = ?, updated_at = ? where realm = ? and id = ?")
			.params(passwordHash, Timestamp.from(this.clock.instant()), realm, id)
			.update();
	}

	private static Person person(ResultSet rs, int row) throws SQLException {
		return new Person(rs.getString("id"), rs.getString("realm"), Optional.ofNullable(rs.getString("email")),
				Optional.ofNullable(rs.getString("phone")), Optional.ofNullable(rs.getString("display_name")),
				Optional.ofNullable(rs.getString("password_hash")), Person.Status.valueOf(rs.getString("status")),
				rs.getTimestamp("created_at").toInstant());
	}

}
