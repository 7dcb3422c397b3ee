package vn.haiphong.hpid.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientSecretHasherTest {

	private final ClientSecretHasher hasher = new ClientSecretHasher(new MasterKey(new byte[32]));

	@Test
	void matchesTheSecretAndNothingElse() {
		String stored = this.hasher.encode("s3cret-s3cret-s3cret-s3cret-s3cret");
		assertThat(stored).startsWith("hs256$").doesNotContain("s3cret");
		assertThat(this.hasher.matches("s3cret-s3cret-s3cret-s3cret-s3cret", stored)).isTrue();
		assertThat(this.hasher.matches("s3cret-s3cret-s3cret-s3cret-s3creT", stored)).isFalse();
		assertThat(this.hasher.matches("s3cret-s3cret-s3cret-s3cret-s3cret", "$2a$10$bcrypt")).isFalse();
		assertThat(this.hasher.matches(null, stored)).isFalse();
	}

	@Test
	void isKeyedByTheMasterKey() {
		byte[] other = new byte[32];
		other[31] = 7;
		assertThat(new ClientSecretHasher(new MasterKey(other)).encode("same"))
			.isNotEqualTo(this.hasher.encode("same"));
	}

}
