package vn.haiphong.hpid.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * A password hash made by a legacy system, accepted only until the person's first
 * successful sign-in, which replaces it with Argon2id. The accepted encodings are listed
 * in docs/import.md:
 * <ul>
 * <li>bcrypt: {@code $2a$}, {@code $2b$} or {@code $2y$}, cost 4 to 31;</li>
 * <li>PBKDF2-HMAC-SHA256 as Django writes it: {@code pbkdf2_sha256$ITERATIONS$SALT$HASH}, the
 * salt taken as its UTF-8 bytes and the hash in standard base64;</li>
 * <li>PBKDF2-HMAC-SHA256 with base64 salt and hash, in the OpenLDAP form
 * {@code {PBKDF2-SHA256}ITERATIONS$SALT$HASH} or the passlib form
 * {@code $pbkdf2-sha256$ITERATIONS$SALT$HASH}; standard or passlib's adapted base64
 * ({@code .} for {@code +}), padding optional.</li>
 * </ul>
 * The length of the stored PBKDF2 hash is the derived-key length.
 */
public sealed interface LegacyPasswordHash permits LegacyPasswordHash.Bcrypt, LegacyPasswordHash.Pbkdf2Sha256 {

	/** Above this the hash is not one a real system made, and verifying it would stall a sign-in. */
	int MAX_PBKDF2_ITERATIONS = 5_000_000;

	boolean matches(CharSequence password);

	/**
	 * @throws IllegalArgumentException with a reason that never repeats the hash
	 */
	static LegacyPasswordHash parse(String encoded) {
		if (encoded == null || encoded.isBlank()) {
			throw new IllegalArgumentException("no password hash");
		}
		String value = encoded.strip();
		if (value.startsWith("$2")) {
			return Bcrypt.parse(value);
		}
		if (value.startsWith("pbkdf2_sha256$")) {
			return Pbkdf2Sha256.parse(value.substring("pbkdf2_sha256$".length()), false);
		}
		if (value.toLowerCase(Locale.ROOT).startsWith("{pbkdf2-sha256}")) {
			return Pbkdf2Sha256.parse(value.substring("{pbkdf2-sha256}".length()), true);
		}
		if (value.startsWith("$pbkdf2-sha256$")) {
			return Pbkdf2Sha256.parse(value.substring("$pbkdf2-sha256$".length()), true);
		}
		throw new IllegalArgumentException(
				"unsupported password hash: expected bcrypt ($2a$, $2b$, $2y$) or PBKDF2-SHA256 (pbkdf2_sha256$, {PBKDF2-SHA256}, $pbkdf2-sha256$)");
	}

	/** bcrypt, checked by Spring Security's implementation. */
	record Bcrypt(String encoded) implements LegacyPasswordHash {

		private static final Pattern FORMAT = Pattern.compile("^\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}$");

		/** bcrypt reads only this many bytes of the password; the legacy system ignored the rest too. */
		private static final int MAX_PASSWORD_BYTES = 72;

		static Bcrypt parse(String encoded) {
			var matcher = FORMAT.matcher(encoded);
			if (!matcher.matches()) {
				throw new IllegalArgumentException(
						"malformed bcrypt hash: expected $2a$, $2b$ or $2y$, a two-digit cost and 53 characters of salt and hash");
			}
			int cost = Integer.parseInt(matcher.group(1));
			if (cost < 4 || cost > 31) {
				throw new IllegalArgumentException("bcrypt cost must be between 4 and 31");
			}
			return new Bcrypt(encoded);
		}

		@Override
		public boolean matches(CharSequence password) {
			byte[] bytes = password.toString().getBytes(StandardCharsets.UTF_8);
			if (bytes.length > MAX_PASSWORD_BYTES) {
				bytes = Arrays.copyOf(bytes, MAX_PASSWORD_BYTES);
			}
			try {
				String computed = BCrypt.hashpw(bytes, this.encoded);
				return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
						this.encoded.getBytes(StandardCharsets.US_ASCII));
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}

	}

	/** PBKDF2 with HMAC-SHA256 over the UTF-8 bytes of the password. */
	record Pbkdf2Sha256(int iterations, byte[] salt, byte[] hash) implements LegacyPasswordHash {

		static Pbkdf2Sha256 parse(String fields, boolean base64Salt) {
			String[] parts = fields.split("\\$", -1);
			if (parts.length != 3) {
				throw new IllegalArgumentException("malformed PBKDF2-SHA256 hash: expected ITERATIONS$SALT$HASH");
			}
			int iterations;
			try {
				iterations = Integer.parseInt(parts[0]);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("malformed PBKDF2-SHA256 hash: the iteration count is not a number");
			}
			if (iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) {
				throw new IllegalArgumentException(
						"PBKDF2-SHA256 iteration count must be between 1 and " + MAX_PBKDF2_ITERATIONS);
			}
			if (parts[1].isEmpty()) {
				throw new IllegalArgumentException("malformed PBKDF2-SHA256 hash: empty salt");
			}
			byte[] salt = base64Salt ? decode(parts[1], "salt") : parts[1].getBytes(StandardCharsets.UTF_8);
			byte[] hash = decode(parts[2], "hash");
			if (hash.length < 16 || hash.length > 64) {
				throw new IllegalArgumentException("PBKDF2-SHA256 hash must be 16 to 64 bytes long");
			}
			return new Pbkdf2Sha256(iterations, salt, hash);
		}

		@Override
		public boolean matches(CharSequence password) {
			byte[] key = password.toString().getBytes(StandardCharsets.UTF_8);
			if (key.length == 0) {
				// HMAC takes an empty key, but the JCE refuses one; no account has an empty password.
				return false;
			}
			return MessageDigest.isEqual(derive(key, this.salt, this.iterations, this.hash.length), this.hash);
		}

		/** PBKDF2 (RFC 8018, section 5.2) with HMAC-SHA256 as the pseudorandom function. */
		static byte[] derive(byte[] password, byte[] salt, int iterations, int length) {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(new SecretKeySpec(password, "HmacSHA256"));
				int blockLength = mac.getMacLength();
				byte[] derived = new byte[length];
				byte[] block = new byte[blockLength];
				for (int index = 1, offset = 0; offset < length; index++, offset += blockLength) {
					mac.update(salt);
					mac.update(new byte[] { (byte) (index >>> 24), (byte) (index >>> 16), (byte) (index >>> 8),
							(byte) index });
					byte[] u = mac.doFinal();
					System.arraycopy(u, 0, block, 0, blockLength);
					for (int i = 1; i < iterations; i++) {
						u = mac.doFinal(u);
						for (int j = 0; j < blockLength; j++) {
							block[j] ^= u[j];
						}
					}
					System.arraycopy(block, 0, derived, offset, Math.min(blockLength, length - offset));
				}
				return derived;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("HmacSHA256 is not available", ex);
			}
		}

		private static byte[] decode(String field, String name) {
			String standard = field.replace('.', '+');
			try {
				return Base64.getDecoder().decode(standard + "=".repeat((4 - standard.length() % 4) % 4));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("malformed PBKDF2-SHA256 hash: the " + name + " is not base64");
			}
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Pbkdf2Sha256 that && this.iterations == that.iterations
					&& Arrays.equals(this.salt, that.salt) && Arrays.equals(this.hash, that.hash);
		}

		@Override
		public int hashCode() {
			return 31 * (31 * this.iterations + Arrays.hashCode(this.salt)) + Arrays.hashCode(this.hash);
		}

		@Override
		public String toString() {
			return "Pbkdf2Sha256[iterations=" + this.iterations + "]";
		}

	}

}
