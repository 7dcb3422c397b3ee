package vn.haiphong.hpid.account;

import java.util.Base64;
import java.util.Objects;

/**
 * Hashes and verifies account passwords with Argon2id. Encoded hashes are in the PHC
 * string format ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}), which carries its
 * own parameters, so hashes made under older settings still verify. Hashes imported from
 * legacy systems ({@link LegacyPasswordHash}) verify too; {@link #needsRehash} is true for
 * them, so the first successful sign-in replaces them with Argon2id.
 */
public final class PasswordHasher {

	private static final String ALGORITHM = "argon2id";

	private static final String VERSION = "v=19";

	private final Argon2Settings settings;

	private final PooledArgon2 encoder;

	private final HashingGate gate;

	/** A hash of nothing anyone knows, verified against when the account does not exist. */
	private final String dummyHash;

	public PasswordHasher(Argon2Settings settings) {
		this(settings, HashingGate.automatic());
	}

	public PasswordHasher(Argon2Settings settings, HashingGate gate) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.gate = Objects.requireNonNull(gate, "gate");
		this.encoder = new PooledArgon2(settings, gate.maxConcurrent());
		this.dummyHash = this.encoder.unmatchable();
	}

	public String hash(CharSequence password) {
		Objects.requireNonNull(password, "password");
		return this.gate.run(() -> this.encoder.encode(password));
	}

	/**
	 * False, never an exception, for a malformed or foreign hash.
	 *
	 * @throws PasswordHashingBusyException when the node computes too many hashes already
	 */
	public boolean matches(CharSequence password, String encoded) {
		if (encoded == null || encoded.startsWith("$argon2")) {
			return this.gate.run(() -> this.encoder.matches(password, encoded));
		}
		LegacyPasswordHash legacy;
		try {
			legacy = LegacyPasswordHash.parse(encoded);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		// bcrypt and PBKDF2 cost as much CPU as Argon2id, by design: the same gate.
		return password != null && this.gate.run(() -> legacy.matches(password));
	}

	/**
	 * True when the hash was not made with the current settings, so that a successful
	 * login can store a fresh one. Differences in either direction count: an operator
	 * who lowers the cost deliberately wants it applied too.
	 */
	public boolean needsRehash(String encoded) {
		Objects.requireNonNull(encoded, "encoded");
		String[] parts = encoded.split("\\$", -1);
		if (parts.length != 6 || !parts[0].isEmpty() || !ALGORITHM.equals(parts[1]) || !VERSION.equals(parts[2])) {
			return true;
		}
		String expectedCost = "m=" + this.settings.memoryKiB() + ",t=" + this.settings.iterations() + ",p="
				+ this.settings.parallelism();
		if (!expectedCost.equals(parts[3])) {
			return true;
		}
		try {
			return decodedLength(parts[4]) != this.settings.saltLength()
					|| decodedLength(parts[5]) != this.settings.hashLength();
		}
		catch (IllegalArgumentException ex) {
			return true;
		}
	}

	/**
	 * Spends the time of one verification and learns nothing. Call it when the account
	 * does not exist, so that the response time does not tell a guesser which accounts
	 * do. It takes the same path as {@link #matches}, including the shortcut for an empty
	 * password, so the two stay indistinguishable.
	 */
	public void burn(CharSequence password) {
		this.gate.run(() -> this.encoder.matches(password, this.dummyHash));
	}

	private static int decodedLength(String base64) {
		return Base64.getDecoder().decode(base64).length;
	}

}
