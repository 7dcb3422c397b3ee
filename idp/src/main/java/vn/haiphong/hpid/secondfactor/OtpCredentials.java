package vn.haiphong.hpid.secondfactor;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import vn.haiphong.hpid.security.MasterKey;

/**
 * People's one-time password secrets, encrypted with the master key. A code is spent by
 * moving {@code last_step} forward in one conditional update, so two nodes cannot both
 * accept the same code.
 */
public class OtpCredentials {

	/** A person's credential: confirmed once a first code from the app was right. */
	record Credential(String personId, String secret, boolean confirmed, Long lastStep) {
	}

	private final JdbcClient jdbc;

	private final MasterKey masterKey;

	private final Clock clock;

	public OtpCredentials(JdbcClient jdbc, MasterKey masterKey, Clock clock) {
		this.jdbc = jdbc;
		this.masterKey = masterKey;
		this.clock = clock;
	}

	Optional<Credential> find(String personId) {
		return this.jdbc.sql("select secret_encrypted, confirmed_at, last_step from otp_credential where person_id = ?")
			.param(personId)
			.query((rs, row) -> new Credential(personId,
					new String(this.masterKey.decrypt(rs.getString("secret_encrypted"), "otp:" + personId),
							StandardCharsets.UTF_8),
					rs.getTimestamp("confirmed_at") != null, (Long) rs.getObject("last_step", Long.class)))
			.optional();
	}

	public boolean enrolled(String personId) {
		return find(personId).map(Credential::confirmed).orElse(false);
	}

	/** When the person's authenticator was confirmed; empty when none is. */
	public Optional<java.time.Instant> enrolledAt(String personId) {
		return this.jdbc.sql("select confirmed_at from otp_credential where person_id = ? and confirmed_at is not null")
			.param(personId)
			.query((rs, row) -> rs.getTimestamp("confirmed_at").toInstant())
			.optional();
	}

	/** Starts (or restarts) an enrolment with a new secret; returns the secret to show once. */
	String begin(String realm, String personId) {
		String secret = Totp.newSecret();
		String encrypted = this.masterKey.encrypt(secret.getBytes(StandardCharsets.UTF_8), "otp:" + personId);
		this.jdbc.sql("delete from otp_credential where person_id = ? and confirmed_at is null").param(personId).update();
		this.jdbc.sql("""
				insert into otp_credential (person_id, realm, secret_encrypted, created_at)
				values (?, ?, ?, ?)""")
			.params(personId, realm, encrypted, Timestamp.from(this.clock.instant()))
			.update();
		return secret;
	}

	/** Checks a code and spends it; confirms the credential at its first good code. */
	boolean spend(String personId, String code) {
		Optional<Credential> credential = find(personId);
		if (credential.isEmpty()) {
			return false;
		}
		var step = Totp.verify(credential.get().secret(), code, this.clock.instant(), credential.get().lastStep());
		if (step.isEmpty()) {
			return false;
		}
		int updated = this.jdbc.sql("""
				update otp_credential set last_step = ?, confirmed_at = coalesce(confirmed_at, ?)
				where person_id = ? and (last_step is null or last_step < ?)""")
			.params(step.getAsLong(), Timestamp.from(this.clock.instant()), personId, step.getAsLong())
			.update();
		return updated == 1;
	}

}
