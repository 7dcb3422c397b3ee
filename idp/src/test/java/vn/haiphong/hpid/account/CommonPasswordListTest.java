package vn.haiphong.hpid.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class CommonPasswordListTest {

	@Test
	void shippedListIsExactlyWhatTheGeneratorProduces() throws IOException {
		try (InputStream in = getClass().getResourceAsStream(PasswordPolicy.COMMON_PASSWORDS_RESOURCE)) {
			assertThat(in).as("shipped list").isNotNull();
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
				.as("common-passwords.txt is stale: run CommonPasswordListGenerator (see README.md)")
				.isEqualTo(CommonPasswordListGenerator.render());
		}
	}

	@Test
	void generatorProducesThousandsOfDistinctLowerCaseEntriesLongEnoughToMatter() {
		List<String> entries = CommonPasswordListGenerator.generate();

		assertThat(entries).hasSizeGreaterThan(2_000).doesNotHaveDuplicates();
		assertThat(entries).allSatisfy(entry -> {
			assertThat(entry).hasSizeGreaterThanOrEqualTo(CommonPasswordListGenerator.MIN_LENGTH);
			assertThat(entry).isLowerCase().doesNotContainAnyWhitespaces().doesNotStartWith("#");
		});
	}

	@Test
	void generatorCoversTheBestKnownPatternsInEnglishAndVietnamese() {
		assertThat(CommonPasswordListGenerator.generate()).contains("12345678", "123456789", "password",
				"password1", "iloveyou", "qwerty123", "1qaz2wsx", "11111111", "football", "abc12345", "letmein1",
				"welcome1", "matkhau123", "anhyeuem", "emyeuanh", "vietnam123", "haiphong", "12345678a",
				"a1234567", "123456aa", "password1990", "matkhau2024", "anhyeuem@2000");
	}

}
