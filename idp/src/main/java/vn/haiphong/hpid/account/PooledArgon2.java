package vn.haiphong.hpid.account;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2 hashes in PHC strings ({@code $argon2id$v=19$m=7168,t=5,p=1$salt$hash}, the form
 * Spring Security's {@code Argon2PasswordEncoder} reads and writes), computed by
 * BouncyCastle with its working memory taken from a pool.
 *
 * <p>
 * Each hash needs {@code memoryKiB} of 1 KiB blocks (7 MB by default). Allocated anew, as
 * the encoder does, every sign-in leaves 7 MB of garbage that the collector must copy or
 * promote while the hash is running, which makes a small heap slow. Here the blocks go
 * back to a pool, zeroed by BouncyCastle, when a hash is done, and the next hash takes
 * them: the pool holds at most the memory of the hashes the node may compute at once
 * ({@link HashingGate}), so it costs no more than a burst would anyway.
 */
final class PooledArgon2 {

	private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

	private final Argon2Settings settings;

	private final Argon2BytesGenerator.BlockPool pool;

	private final SecureRandom random = new SecureRandom();

	PooledArgon2(Argon2Settings settings, int maxConcurrent) {
		this.settings = settings;
		this.pool = new Argon2BytesGenerator.FixedBlockPool(
				maxConcurrent * Argon2BytesGenerator.getBlockCount(settings.memoryKiB(), settings.parallelism()));
	}

	/**
	 * A PHC string in the current settings' exact form, with a random salt and a random
	 * hash that no password gives: verifying against it costs what verifying against a
	 * real hash costs. Made without hashing anything, because a hash at start-up, in code
	 * the JIT has not compiled yet, held up every start by half a second.
	 */
	String unmatchable() {
		byte[] salt = new byte[this.settings.saltLength()];
		byte[] hash = new byte[this.settings.hashLength()];
		this.random.nextBytes(salt);
		this.random.nextBytes(hash);
		return phc(salt, hash);
	}

	/** A new Argon2id hash of the password with the current settings and a random salt. */
	String encode(CharSequence password) {
		byte[] salt = new byte[this.settings.saltLength()];
		this.random.nextBytes(salt);
		Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
			.withVersion(Argon2Parameters.ARGON2_VERSION_13)
			.withSalt(salt)
			.withParallelism(this.settings.parallelism())
			.withMemoryAsKB(this.settings.memoryKiB())
			.withIterations(this.settings.iterations())
			.withBlockPool(this.pool)
			.build();
		return phc(salt, derive(parameters, password, this.settings.hashLength()));
	}

	private String phc(byte[] salt, byte[] hash) {
		return "$argon2id$v=19$m=" + this.settings.memoryKiB() + ",t=" + this.settings.iterations() + ",p="
				+ this.settings.parallelism() + "$" + BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(hash);
	}

	/**
	 * Whether the password matches a PHC string of any Argon2 type and cost. False for an
	 * empty password or hash without computing anything, as the encoder does, and for a
	 * malformed hash.
	 */
	boolean matches(CharSequence password, String encoded) {
		if (password == null || password.length() == 0 || encoded == null || encoded.isEmpty()) {
			return false;
		}
		Stored stored;
		try {
			stored = Stored.parse(encoded);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		Argon2Parameters parameters = new Argon2Parameters.Builder(stored.type())
			.withVersion(stored.version())
			.withSalt(stored.salt())
			.withParallelism(stored.parallelism())
			.withMemoryAsKB(stored.memoryKiB())
			.withIterations(stored.iterations())
			.withBlockPool(this.pool)
			.build();
		return MessageDigest.isEqual(derive(parameters, password, stored.hash().length), stored.hash());
	}

	private static byte[] derive(Argon2Parameters parameters, CharSequence password, int length) {
		Argon2BytesGenerator generator = new Argon2BytesGenerator();
		generator.init(parameters);
		byte[] hash = new byte[length];
		// The encoder's conversion (UTF-8 of the characters), so its hashes and these agree.
		generator.generateBytes(password.toString().toCharArray(), hash);
		return hash;
	}

	/** A parsed PHC string: {@code $type$v=N$m=M,t=T,p=P$salt$hash}. */
	record Stored(int type, int version, int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) {

		static Stored parse(String encoded) {
			String[] parts = encoded.split("\\$", -1);
			if (parts.length != 6 || !parts[0].isEmpty()) {
				throw new IllegalArgumentException("Not a PHC string");
			}
			int type = switch (parts[1]) {
				case "argon2id" -> Argon2Parameters.ARGON2_id;
				case "argon2i" -> Argon2Parameters.ARGON2_i;
				case "argon2d" -> Argon2Parameters.ARGON2_d;
				default -> throw new IllegalArgumentException("Not an Argon2 hash");
			};
			int version = switch (parts[2]) {
				case "v=19" -> Argon2Parameters.ARGON2_VERSION_13;
				case "v=16" -> Argon2Parameters.ARGON2_VERSION_10;
				default -> throw new IllegalArgumentException("Unknown Argon2 version");
			};
			int memory = -1;
			int iterations = -1;
			int parallelism = -1;
			for (String parameter : parts[3].split(",", -1)) {
				int equals = parameter.indexOf('=');
				int value = equals < 0 ? -1 : positive(parameter.substring(equals + 1));
				String name = equals < 0 ? "" : parameter.substring(0, equals);
				if (name.equals("m") && memory < 0) {
					memory = value;
				}
				else if (name.equals("t") && iterations < 0) {
					iterations = value;
				}
				else if (name.equals("p") && parallelism < 0) {
					parallelism = value;
				}
				else {
					throw new IllegalArgumentException("Unknown or repeated Argon2 parameter");
				}
			}
			if (memory < 8 * parallelism || iterations < 1 || parallelism < 1) {
				throw new IllegalArgumentException("Missing or impossible Argon2 parameter");
			}
			byte[] salt = Base64.getDecoder().decode(parts[4]);
			byte[] hash = Base64.getDecoder().decode(parts[5]);
			if (salt.length < 8 || hash.length < 4) {
				throw new IllegalArgumentException("Argon2 salt or hash too short");
			}
			return new Stored(type, version, memory, iterations, parallelism, salt, hash);
		}

		private static int positive(String digits) {
			if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
				throw new IllegalArgumentException("Not a number");
			}
			return Integer.parseInt(digits);
		}

	}

}
