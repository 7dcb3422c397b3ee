package vn.haiphong.hpid.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeyTest {

	private final MasterKey key = new MasterKey(new byte[32]);

	@Test
	void encryptsWithAFreshNonceAndDecryptsInTheSameContext() {
		byte[] secret = "khoá bí mật".getBytes(StandardCharsets.UTF_8);
		String first = this.key.encrypt(secret, "signing-key:a");
		String second = this.key.encrypt(secret, "signing-key:a");
		assertThat(first).isNotEqualTo(second).startsWith("v1.");
		assertThat(this.key.decrypt(first, "signing-key:a")).isEqualTo(secret);
	}

	@Test
	void refusesToDecryptInAnotherContextOrWithAnotherKey() {
		String sealed = this.key.encrypt(new byte[] { 1, 2, 3 }, "signing-key:a");
		assertThatThrownBy(() -> this.key.decrypt(sealed, "signing-key:b")).isInstanceOf(IllegalStateException.class);
		byte[] other = new byte[32];
		other[0] = 1;
		assertThatThrownBy(() -> new MasterKey(other).decrypt(sealed, "signing-key:a"))
			.hasMessageContaining("master key differs");
	}

	@Test
	void derivesDifferentKeysPerPurpose() {
		assertThat(this.key.derive("client-secret")).isNotEqualTo(this.key.derive("encryption")).hasSize(32);
	}

	@Test
	void refusesShortKeys() {
		assertThatThrownBy(() -> new MasterKey(new byte[16])).hasMessageContaining("256 bits");
		assertThatThrownBy(() -> MasterKeyLoader.load("c2hvcnQ=", false, Path.of("unused")))
			.hasMessageContaining("must be 32 random bytes");
	}

	@Test
	void embeddedKeyFileIsCreatedOwnerOnlyAndReused(@TempDir Path dir) throws Exception {
		MasterKey created = MasterKeyLoader.load(null, true, dir);
		Path file = dir.resolve("master.key");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		MasterKey again = MasterKeyLoader.load(null, true, dir);
		assertThat(again.derive("x")).isEqualTo(created.derive("x"));
	}

	@Test
	void productionRefusesTheKeyFile(@TempDir Path dir) {
		assertThatThrownBy(() -> MasterKeyLoader.load("", false, dir)).hasMessageContaining("HPID_MASTER_KEY is not set");
	}

}
