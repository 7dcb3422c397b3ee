package vn.haiphong.hpid.account;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id for local passwords, with parameters from configuration. The defaults are
 * Keycloak 26's (memory 7168 KiB, 5 iterations, parallelism 1, 32-byte hash, 16-byte
 * salt), so comparisons with Keycloak are at equal cost.
 */
public final class PasswordHasher {

	/** Argon2id parameters. */
	public record Argon2Settings(int saltLength, int hashLength, int parallelism, int memoryKiB, int iterations) {

		public static final Argon2Settings DEFAULT = new Argon2Settings(16, 32, 1, 7168, 5);

	}

	private final Argon2PasswordEncoder encoder;

	private final String dummyHash;

	public PasswordHasher(Argon2Settings settings) {
		this.encoder = new Argon2PasswordEncoder(settings.saltLength(), settings.hashLength(), settings.parallelism(),
				settings.memoryKiB(), settings.iterations());
		this.dummyHash = this.encoder.encode("hpid-timing-equaliser");
	}

	public String hash(CharSequence password) {
		return this.encoder.encode(password);
	}

	public boolean matches(CharSequence password, String encoded) {
		return encoded != null && encoded.startsWith("$argon2id$") && this.encoder.matches(password, encoded);
	}

	/** Whether a stored hash was made with other parameters and should be redone. */
	public boolean needsRehash(String encoded) {
		return this.encoder.upgradeEncoding(encoded);
	}

	/**
	 * Spends the time of one verification, for sign-ins to accounts that do not exist:
	 * the answer then takes as long as for a real account with a wrong password.
	 */
	public void burn(CharSequence password) {
		this.encoder.matches(password, this.dummyHash);
	}

}
