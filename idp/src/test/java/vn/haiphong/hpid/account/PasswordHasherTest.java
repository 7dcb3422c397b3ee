package vn.haiphong.hpid.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

	private static PasswordHasher hasher;

	@BeforeAll
	static void createHasher() {
		hasher = new PasswordHasher(Argon2Settings.DEFAULT);
	}

	@Test
	void defaultsAreKeycloak26Argon2Defaults() {
		assertThat(Argon2Settings.DEFAULT).isEqualTo(new Argon2Settings(16, 32, 1, 7168, 5));
	}

	@Test
	void hashesInArgon2idPhcFormatWithTheConfiguredCost() {
		String encoded = hasher.hash("Mật khẩu của tôi");

		assertThat(encoded).startsWith("$argon2id$v=19$m=7168,t=5,p=1$");
	}

	@Test
	void verifiesThePasswordItHashed() {
		String encoded = hasher.hash("Mật khẩu của tôi");

		assertThat(hasher.matches("Mật khẩu của tôi", encoded)).isTrue();
		assertThat(hasher.matches("Mat khau cua toi", encoded)).isFalse();
		assertThat(hasher.matches("", encoded)).isFalse();
	}

	@Test
	void saltsEachHash() {
		assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
	}

	@Test
	void refusesRatherThanThrowsOnAMalformedHash() {
		assertThat(hasher.matches("secret", "not a hash")).isFalse();
		assertThat(hasher.matches("secret", "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
	}

	@Test
	void verifiesHashesMadeWithOtherSettingsAndAsksForTheirRehash() {
		PasswordHasher older = new PasswordHasher(new Argon2Settings(16, 32, 1, 4096, 3));
		String encoded = older.hash("correct horse");

		assertThat(hasher.matches("correct horse", encoded)).isTrue();
		assertThat(hasher.needsRehash(encoded)).isTrue();
	}

	@Test
	void needsNoRehashForAHashMadeWithCurrentSettings() {
		assertThat(hasher.needsRehash(hasher.hash("correct horse"))).isFalse();
	}

	@Test
	void needsRehashWhenAnyParameterDiffersEvenIfItIsStronger() {
		String stronger = new PasswordHasher(new Argon2Settings(16, 32, 1, 7168, 6)).hash("x");
		String longerHash = new PasswordHasher(new Argon2Settings(16, 64, 1, 7168, 5)).hash("x");
		String longerSalt = new PasswordHasher(new Argon2Settings(32, 32, 1, 7168, 5)).hash("x");
		String moreLanes = new PasswordHasher(new Argon2Settings(16, 32, 2, 7168, 5)).hash("x");

		assertThat(hasher.needsRehash(stronger)).isTrue();
		assertThat(hasher.needsRehash(longerHash)).isTrue();
		assertThat(hasher.needsRehash(longerSalt)).isTrue();
		assertThat(hasher.needsRehash(moreLanes)).isTrue();
	}

	@Test
	void needsRehashForForeignOrMalformedHashes() {
		assertThat(hasher.needsRehash("$2a$10$abcdefghijklmnopqrstuv")).isTrue();
		assertThat(hasher.needsRehash("$argon2i$v=19$m=7168,t=5,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA")).isTrue();
		assertThat(hasher.needsRehash("$argon2id$v=19$m=7168,t=5,p=1$!!!$???")).isTrue();
		assertThat(hasher.needsRehash("")).isTrue();
	}

	@Test
	void burnsAVerificationWithoutThrowing() {
		assertThatNoException().isThrownBy(() -> {
			hasher.burn("any guess");
			hasher.burn("");
			hasher.burn(null);
		});
	}

	@Test
	void burnTakesAboutAsLongAsARealVerification() {
		String encoded = hasher.hash("correct horse");
		// Warm up so that the JIT does not distort the first measurements, then time the two
		// in turns: timed one after the other, whichever came second ran on code the JIT had
		// compiled meanwhile, and looked up to five times faster for it.
		for (int i = 0; i < 5; i++) {
			hasher.matches("wrong", encoded);
			hasher.burn("wrong");
		}
		long[] verify = new long[7];
		long[] burn = new long[7];
		for (int i = 0; i < verify.length; i++) {
			verify[i] = timed(() -> hasher.matches("wrong", encoded));
			burn[i] = timed(() -> hasher.burn("wrong"));
		}

		assertThat((double) median(burn)).isBetween(median(verify) / 3.0, median(verify) * 3.0);
	}

	@Test
	void refusesSettingsWeakerThanArgon2Allows() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Argon2Settings(8, 32, 1, 7168, 5));
		assertThatIllegalArgumentException().isThrownBy(() -> new Argon2Settings(16, 8, 1, 7168, 5));
		assertThatIllegalArgumentException().isThrownBy(() -> new Argon2Settings(16, 32, 0, 7168, 5));
		assertThatIllegalArgumentException().isThrownBy(() -> new Argon2Settings(16, 32, 4, 16, 5));
		assertThatIllegalArgumentException().isThrownBy(() -> new Argon2Settings(16, 32, 1, 7168, 0));
	}

	private static long timed(Runnable action) {
		long start = System.nanoTime();
		action.run();
		return System.nanoTime() - start;
	}

	private static long median(long[] times) {
		long[] sorted = times.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
