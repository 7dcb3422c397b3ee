package vn.haiphong.hpid.secondfactor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest {

	/** RFC 6238 Appendix B, SHA-1 seed. */
	private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	@Test
	void matchesTheTestVectorsOfRfc6238() {
		assertThat(Totp.code(SEED, Totp.step(Instant.ofEpochSecond(59)), 8)).isEqualTo("94287082");
		assertThat(Totp.code(SEED, Totp.step(Instant.ofEpochSecond(1111111109)), 8)).isEqualTo("07081804");
		assertThat(Totp.code(SEED, Totp.step(Instant.ofEpochSecond(1234567890)), 8)).isEqualTo("89005924");
		assertThat(Totp.code(SEED, Totp.step(Instant.ofEpochSecond(20000000000L)), 8)).isEqualTo("65353130");
	}

	@Test
	void acceptsTheCurrentStepAndOneEitherSideButNeverAnOldOne() {
		String secret = Base32.encode(SEED);
		Instant now = Instant.ofEpochSecond(1111111109);
		long step = Totp.step(now);
		String current = Totp.code(SEED, step, 6);
		assertThat(Totp.verify(secret, current, now, null)).hasValue(step);
		assertThat(Totp.verify(secret, Totp.code(SEED, step - 1, 6), now, null)).hasValue(step - 1);
		assertThat(Totp.verify(secret, Totp.code(SEED, step + 1, 6), now, null)).hasValue(step + 1);
		assertThat(Totp.verify(secret, Totp.code(SEED, step - 2, 6), now, null)).isEmpty();
		assertThat(Totp.verify(secret, current, now, step)).as("a code works once").isEmpty();
		assertThat(Totp.verify(secret, "12345", now, null)).isEmpty();
		assertThat(Totp.verify(secret, "abcdef", now, null)).isEmpty();
	}

	@Test
	void base32RoundTripsAndSecretsCarry160Bits() {
		assertThat(Base32.decode(Base32.encode(SEED))).isEqualTo(SEED);
		assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
		assertThat(Base32.decode(Totp.newSecret())).hasSize(20);
	}

	@Test
	void theOtpauthUriNamesIssuerAccountAndParameters() {
		assertThat(Totp.uri("Hải Phòng", "an@example.vn", "ABC"))
			.startsWith("otpauth://totp/H%E1%BA%A3i%20Ph%C3%B2ng:an%40example.vn?secret=ABC")
			.contains("digits=6")
			.contains("period=30");
	}

}
