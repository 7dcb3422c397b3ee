package vn.haiphong.hpid.person;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginIdentifiersTest {

	@Test
	void vietnameseMobileNumbersHaveOneStoredForm() {
		assertThat(LoginIdentifiers.normalizePhone("0912 345 678")).contains("+84912345678");
		assertThat(LoginIdentifiers.normalizePhone("+84912345678")).contains("+84912345678");
		assertThat(LoginIdentifiers.normalizePhone("84-912-345-678")).contains("+84912345678");
		assertThat(LoginIdentifiers.normalizePhone("12345")).isEmpty();
		assertThat(LoginIdentifiers.normalizePhone("an@example.vn")).isEmpty();
	}

	@Test
	void emailAddressesAreComparedWithoutCase() {
		assertThat(LoginIdentifiers.normalizeEmail(" An.Nguyen@Example.VN ")).contains("an.nguyen@example.vn");
		assertThat(LoginIdentifiers.normalizeEmail("not-an-address")).isEmpty();
		assertThat(LoginIdentifiers.normalizeEmail("a@b@c.vn")).isEmpty();
	}

}
