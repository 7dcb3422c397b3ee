package vn.haiphong.hpid.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

class LegacyPasswordHashTest {

	private static final String PASSWORD = "Mật khẩu cũ 2019";

	private static final SecureRandom RANDOM = new SecureRandom();

	@Test
	void acceptsBcryptInEachOfItsRevisions() {
		String made = BCrypt.hashpw(PASSWORD, BCrypt.gensalt(4));
		String body = made.substring(3);
		for (String revision : new String[] { "$2a", "$2b", "$2y" }) {
			// The revisions differ in bugs of old implementations, not in the result for valid UTF-8.
			String encoded = BCrypt.hashpw(PASSWORD, revision + body.substring(0, 26));
			assertThat(LegacyPasswordHash.parse(encoded).matches(PASSWORD)).as(revision).isTrue();
			assertThat(LegacyPasswordHash.parse(encoded).matches("Mat khau cu 2019")).as(revision).isFalse();
		}
	}

	@Test
	void bcryptLooksAtTheFirst72BytesOnlyAsLegacySystemsDid() {
		String long72 = "a".repeat(72);
		String encoded = BCrypt.hashpw(long72, BCrypt.gensalt(4));
		LegacyPasswordHash hash = LegacyPasswordHash.parse(encoded);
		assertThat(hash.matches(long72 + "ignored by bcrypt")).isTrue();
		assertThat(hash.matches("a".repeat(71))).isFalse();
	}

	@Test
	void rejectsMalformedBcrypt() {
		assertThatIllegalArgumentException().isThrownBy(() -> LegacyPasswordHash.parse("$2x$10$abc"))
			.withMessageContaining("bcrypt");
		String valid = BCrypt.hashpw(PASSWORD, BCrypt.gensalt(4));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LegacyPasswordHash.parse(valid.substring(0, valid.length() - 1)))
			.withMessageContaining("53 characters");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LegacyPasswordHash.parse("$2b$03$" + valid.substring(7)))
			.withMessageContaining("between 4 and 31");
	}

	@Test
	void pbkdf2MatchesRfc7914TestVector() {
		// RFC 7914, section 11: PBKDF2-HMAC-SHA256 (P="passwd", S="salt", c=1, dkLen=64).
		byte[] derived = LegacyPasswordHash.Pbkdf2Sha256.derive("passwd".getBytes(StandardCharsets.US_ASCII),
				"salt".getBytes(StandardCharsets.US_ASCII), 1, 64);
		assertThat(HexFormat.of().formatHex(derived)).startsWith("55ac046e56e3089fec1691c22544b605");
	}

	@Test
	void pbkdf2AgreesWithTheJdkOnUtf8Passwords() throws Exception {
		byte[] salt = new byte[16];
		RANDOM.nextBytes(salt);
		byte[] jdk = jdkPbkdf2(PASSWORD, salt, 1000, 32);
		assertThat(LegacyPasswordHash.Pbkdf2Sha256.derive(PASSWORD.getBytes(StandardCharsets.UTF_8), salt, 1000, 32))
			.isEqualTo(jdk);
	}

	@Test
	void acceptsDjangoPbkdf2() throws Exception {
		String salt = "Zx3rTq9LmN0pQa1s";
		byte[] hash = jdkPbkdf2(PASSWORD, salt.getBytes(StandardCharsets.UTF_8), 2000, 32);
		String encoded = "pbkdf2_sha256$2000$" + salt + "$" + Base64.getEncoder().encodeToString(hash);

		assertThat(LegacyPasswordHash.parse(encoded).matches(PASSWORD)).isTrue();
		assertThat(LegacyPasswordHash.parse(encoded).matches(PASSWORD + " ")).isFalse();
	}

	@Test
	void acceptsBase64Pbkdf2InLdapAndPasslibForms() throws Exception {
		byte[] salt = new byte[16];
		RANDOM.nextBytes(salt);
		byte[] hash = jdkPbkdf2(PASSWORD, salt, 1500, 32);
		String standardSalt = Base64.getEncoder().encodeToString(salt);
		String adaptedSalt = Base64.getEncoder().withoutPadding().encodeToString(salt).replace('+', '.');
		String adaptedHash = Base64.getEncoder().withoutPadding().encodeToString(hash).replace('+', '.');
		for (String encoded : new String[] {
				"{PBKDF2-SHA256}1500$" + standardSalt + "$" + Base64.getEncoder().encodeToString(hash),
				"{pbkdf2-sha256}1500$" + adaptedSalt + "$" + adaptedHash,
				"$pbkdf2-sha256$1500$" + adaptedSalt + "$" + adaptedHash }) {
			assertThat(LegacyPasswordHash.parse(encoded).matches(PASSWORD)).as(encoded).isTrue();
			assertThat(LegacyPasswordHash.parse(encoded).matches("wrong")).as(encoded).isFalse();
		}
	}

	@Test
	void rejectsMalformedPbkdf2WithTheReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> LegacyPasswordHash.parse("pbkdf2_sha256$abc$salt$aGFzaA=="))
			.withMessageContaining("iteration count is not a number");
		assertThatIllegalArgumentException().isThrownBy(() -> LegacyPasswordHash.parse("pbkdf2_sha256$0$salt$aGFzaA=="))
			.withMessageContaining("between 1 and");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LegacyPasswordHash.parse("pbkdf2_sha256$99999999$salt$aGFzaA=="))
			.withMessageContaining("between 1 and");
		assertThatIllegalArgumentException().isThrownBy(() -> LegacyPasswordHash.parse("pbkdf2_sha256$1000$salt"))
			.withMessageContaining("ITERATIONS$SALT$HASH");
		assertThatIllegalArgumentException().isThrownBy(() -> LegacyPasswordHash.parse("pbkdf2_sha256$1000$salt$!!!"))
			.withMessageContaining("hash is not base64");
		assertThatIllegalArgumentException().isThrownBy(() -> LegacyPasswordHash.parse("pbkdf2_sha256$1000$salt$aGFzaA=="))
			.withMessageContaining("16 to 64 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> LegacyPasswordHash.parse("md5$abc"))
			.withMessageContaining("unsupported password hash");
		assertThatIllegalArgumentException().isThrownBy(() -> LegacyPasswordHash.parse(" "))
			.withMessage("no password hash");
	}

	@Test
	void theHasherAcceptsLegacyHashesAndAsksForThemToBeReplaced() throws Exception {
		PasswordHasher hasher = new PasswordHasher(Argon2Settings.DEFAULT);
		String bcrypt = BCrypt.hashpw(PASSWORD, BCrypt.gensalt(4));
		String django = "pbkdf2_sha256$1000$salt1234$"
				+ Base64.getEncoder().encodeToString(jdkPbkdf2(PASSWORD, "salt1234".getBytes(StandardCharsets.UTF_8), 1000, 32));
		for (String encoded : new String[] { bcrypt, django }) {
			assertThat(hasher.matches(PASSWORD, encoded)).isTrue();
			assertThat(hasher.matches("sai mật khẩu", encoded)).isFalse();
			assertThat(hasher.matches("", encoded)).isFalse();
			assertThat(hasher.needsRehash(encoded)).isTrue();
		}
		assertThat(hasher.matches(PASSWORD, "pbkdf2_sha256$1000$salt$not base64")).isFalse();
		assertThat(hasher.matches(PASSWORD, "{SSHA}abcdef")).isFalse();
	}

	private static byte[] jdkPbkdf2(String password, byte[] salt, int iterations, int length) throws Exception {
		return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
			.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, length * 8))
			.getEncoded();
	}

}
