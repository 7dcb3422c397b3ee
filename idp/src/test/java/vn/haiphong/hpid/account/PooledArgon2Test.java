package vn.haiphong.hpid.account;

import java.util.Base64;
import java.util.List;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pooled hasher reads and writes exactly what Spring Security's Argon2 encoder does
 * (the encoder hpid used before, so every stored hash must keep verifying), the encoder
 * serving as the oracle.
 */
class PooledArgon2Test {

	/** A cheap cost: the format is under test, not the cost. */
	private static final Argon2Settings CHEAP = new Argon2Settings(16, 32, 1, 64, 2);

	private final PooledArgon2 pooled = new PooledArgon2(CHEAP, 2);

	private final Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 64, 2);

	@Test
	void verifiesTheEncodersHashesAndTheEncoderVerifiesItsOwn() {
		for (String password : List.of("Bien-Do-Son-2026", "mật khẩu có dấu ✓", "x")) {
			String bySpring = this.spring.encode(password);
			String byPool = this.pooled.encode(password);

			assertThat(this.pooled.matches(password, bySpring)).as(bySpring).isTrue();
			assertThat(this.spring.matches(password, byPool)).as(byPool).isTrue();
			assertThat(this.pooled.matches(password + "!", bySpring)).isFalse();
			assertThat(this.pooled.matches(password, byPool)).isTrue();
			assertThat(byPool).startsWith("$argon2id$v=19$m=64,t=2,p=1$").hasSameSizeAs(bySpring);
		}
	}

	@Test
	void agreesWithTheEncoderOnOtherTypesVersionsAndCosts() {
		for (int type : new int[] { Argon2Parameters.ARGON2_i, Argon2Parameters.ARGON2_d, Argon2Parameters.ARGON2_id }) {
			for (int version : new int[] { Argon2Parameters.ARGON2_VERSION_10, Argon2Parameters.ARGON2_VERSION_13 }) {
				String encoded = phc(type, version, 32, 3, 2, "pass-word");
				assertThat(this.spring.matches("pass-word", encoded)).as(encoded).isTrue();
				assertThat(this.pooled.matches("pass-word", encoded)).as(encoded).isTrue();
				assertThat(this.pooled.matches("pass-wort", encoded)).as(encoded).isFalse();
			}
		}
		// The version may not be left out (the encoder refuses that too).
		String noVersion = phc(Argon2Parameters.ARGON2_i, Argon2Parameters.ARGON2_VERSION_10, 16, 1, 1, "p")
			.replace("$v=16", "");
		assertThat(this.spring.matches("p", noVersion)).isFalse();
		assertThat(this.pooled.matches("p", noVersion)).isFalse();
	}

	@Test
	void theUnmatchableHashHasTheFormOfARealOneAndMatchesNothing() {
		String unmatchable = this.pooled.unmatchable();
		String real = this.pooled.encode("secret");
		PasswordHasher hasher = new PasswordHasher(CHEAP);
		assertThat(hasher.needsRehash(unmatchable)).as("the current settings' exact form, so a full verification")
			.isFalse();
		assertThat(unmatchable.substring(0, unmatchable.indexOf("$", 20)))
			.isEqualTo(real.substring(0, real.indexOf("$", 20)));
		assertThat(unmatchable).isNotEqualTo(this.pooled.unmatchable());
		for (String password : List.of("secret", "", "x", "Bien-Do-Son-2026")) {
			assertThat(this.pooled.matches(password, unmatchable)).isFalse();
			assertThat(this.spring.matches(password, unmatchable)).as("Spring's encoder reads it too").isFalse();
		}
	}

	@Test
	void aMalformedOrEmptyHashOrPasswordIsFalseNotAnError() {
		String good = this.pooled.encode("secret");
		String[] parts = good.split("\\$");
		List<String> malformed = List.of("", "$argon2id", "$argon2x$v=19$m=64,t=2,p=1$" + parts[4] + "$" + parts[5],
				"$argon2id$v=18$m=64,t=2,p=1$" + parts[4] + "$" + parts[5],
				"$argon2id$v=19$m=64,t=2$" + parts[4] + "$" + parts[5],
				"$argon2id$v=19$m=64,t=2,p=1,p=1$" + parts[4] + "$" + parts[5],
				"$argon2id$v=19$m=64,t=0,p=1$" + parts[4] + "$" + parts[5],
				"$argon2id$v=19$m=4,t=2,p=1$" + parts[4] + "$" + parts[5],
				"$argon2id$v=19$m=-64,t=2,p=1$" + parts[4] + "$" + parts[5],
				"$argon2id$v=19$m=99999999999,t=2,p=1$" + parts[4] + "$" + parts[5],
				"$argon2id$v=19$m=64,t=2,p=1$not*base64$" + parts[5], "argon2id$v=19$m=64,t=2,p=1$a$b",
				good + "$extra", "$2a$10$abcdefghijklmnopqrstuv");
		for (String encoded : malformed) {
			assertThat(this.pooled.matches("secret", encoded)).as(encoded).isFalse();
		}
		assertThat(this.pooled.matches("", good)).isFalse();
		assertThat(this.pooled.matches(null, good)).isFalse();
		assertThat(this.pooled.matches("secret", null)).isFalse();
	}

	@Test
	void manyHashesAtOnceFromOnePool() throws Exception {
		// More threads than the pool is sized for: the pool lends what it has and the
		// rest is allocated; every hash is still right.
		List<String> passwords = List.of("a1", "b2", "c3", "d4", "e5", "f6");
		List<String> hashes = passwords.parallelStream().map(this.pooled::encode).toList();
		List<Boolean> verified = java.util.stream.IntStream.range(0, passwords.size())
			.parallel()
			.mapToObj((i) -> this.spring.matches(passwords.get(i), hashes.get(i))
					&& this.pooled.matches(passwords.get(i), hashes.get(i))
					&& !this.pooled.matches(passwords.get((i + 1) % passwords.size()), hashes.get(i)))
			.toList();
		assertThat(verified).containsOnly(true);
	}

	private static String phc(int type, int version, int memoryKiB, int iterations, int parallelism, String password) {
		byte[] salt = "sixteen byte slt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		Argon2BytesGenerator generator = new Argon2BytesGenerator();
		generator.init(new Argon2Parameters.Builder(type).withVersion(version)
			.withSalt(salt)
			.withMemoryAsKB(memoryKiB)
			.withIterations(iterations)
			.withParallelism(parallelism)
			.build());
		byte[] hash = new byte[32];
		generator.generateBytes(password.toCharArray(), hash);
		String name = switch (type) {
			case Argon2Parameters.ARGON2_i -> "argon2i";
			case Argon2Parameters.ARGON2_d -> "argon2d";
			default -> "argon2id";
		};
		Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
		return "$" + name + "$v=" + version + "$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$"
				+ base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
	}

}
