package vn.haiphong.hpid.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.haiphong.hpid.realm.PasswordPolicySettings;

class PasswordPolicyTest {

	private static final PasswordPolicySettings DEFAULTS = PasswordPolicySettings.DEFAULT;

	private static PasswordPolicy policy;

	@BeforeAll
	static void loadShippedList() {
		policy = new PasswordPolicy();
	}

	private static List<PasswordProblem> check(String password, String... accountNames) {
		return policy.check(password, DEFAULTS, List.of(accountNames));
	}

	@Test
	void acceptsALongUncommonPassphrase() {
		assertThat(check("correct horse battery staple", "an.nguyen@example.vn")).isEmpty();
	}

	@Test
	void loadsTheShippedCommonPasswordListOnce() {
		assertThat(policy.commonPasswordCount()).isGreaterThan(2_000);
	}

	@Test
	void refusesPasswordShorterThanEightCharacters() {
		assertThat(check("tr0ub4d")).containsExactly(PasswordProblem.TOO_SHORT);
		assertThat(check("tr0ub4d!")).isEmpty();
	}

	@Test
	void refusesPasswordShorterThanTheRealmMinimum() {
		PasswordPolicySettings strict = new PasswordPolicySettings(15, 128);

		assertThat(policy.check("tr0ub4dor&3xyz", strict, List.of())).containsExactly(PasswordProblem.TOO_SHORT);
		assertThat(policy.check("tr0ub4dor&3xyz!", strict, List.of())).isEmpty();
	}

	@Test
	void neverAllowsAMinimumBelowEightWhateverTheRealmSays() {
		PasswordPolicySettings lax = new PasswordPolicySettings(4, 128);

		assertThat(policy.check("tr0ub4d", lax, List.of())).containsExactly(PasswordProblem.TOO_SHORT);
	}

	@Test
	void acceptsPasswordsOf64And128Characters() {
		assertThat(check("x7".repeat(32))).isEmpty();
		assertThat(check("x7".repeat(64))).isEmpty();
	}

	@Test
	void refusesPasswordLongerThanTheMaximum() {
		assertThat(check("x7".repeat(64) + "q")).containsExactly(PasswordProblem.TOO_LONG);
	}

	@Test
	void neverAllowsAMaximumBelowSixtyFourWhateverTheRealmSays() {
		PasswordPolicySettings stingy = new PasswordPolicySettings(8, 20);

		assertThat(policy.check("x7".repeat(32), stingy, List.of())).isEmpty();
	}

	@Test
	void refusesHugeInputWithoutNormalisingIt() {
		assertThat(check("a".repeat(1_000_000))).containsExactly(PasswordProblem.TOO_LONG);
	}

	@Test
	void requiresNoCompositionOfCharacterClasses() {
		assertThat(check("onlylowercaseletters")).isEmpty();
		assertThat(check("29384756102938")).isEmpty();
	}

	@Test
	void acceptsVietnameseWithDiacriticsAndCountsCodePoints() {
		String password = "Mật khẩu của tôi là bí mật";

		assertThat(check(password)).isEmpty();
		assertThat(PasswordPolicy.length(password)).isEqualTo(26);
	}

	@Test
	void countsACharacterTheSameWhetherItArrivesComposedOrDecomposed() {
		String composed = "Ệệắằẳẵặđ";
		String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);

		assertThat(decomposed.codePointCount(0, decomposed.length())).isGreaterThan(8);
		assertThat(PasswordPolicy.length(decomposed)).isEqualTo(8);
		assertThat(check(decomposed)).isEmpty();
		assertThat(check(decomposed.substring(0, decomposed.length() - 1))).containsExactly(PasswordProblem.TOO_SHORT);
	}

	@Test
	void countsCharactersOutsideTheBasicPlaneAsOne() {
		String sevenEmoji = "😀😁😂🤣😃😄😅";

		assertThat(check(sevenEmoji)).containsExactly(PasswordProblem.TOO_SHORT);
		assertThat(check(sevenEmoji + "😆")).isEmpty();
	}

	@Test
	void refusesCommonPasswordsWhateverTheirCase() {
		assertThat(check("password")).containsExactly(PasswordProblem.TOO_COMMON);
		assertThat(check("PassWord1")).containsExactly(PasswordProblem.TOO_COMMON);
		assertThat(check("12345678")).containsExactly(PasswordProblem.TOO_COMMON);
		assertThat(check("QWERTY123")).containsExactly(PasswordProblem.TOO_COMMON);
	}

	@Test
	void refusesCommonVietnamesePasswords() {
		assertThat(check("matkhau123")).containsExactly(PasswordProblem.TOO_COMMON);
		assertThat(check("AnhYeuEm")).containsExactly(PasswordProblem.TOO_COMMON);
		assertThat(check("emyeuanh")).containsExactly(PasswordProblem.TOO_COMMON);
		assertThat(check("12345678a")).containsExactly(PasswordProblem.TOO_COMMON);
		assertThat(check("haiphong1990")).containsExactly(PasswordProblem.TOO_COMMON);
	}

	@Test
	void refusesCommonPasswordsTypedInFullWidthCharacters() {
		assertThat(check("ｐａｓｓｗｏｒｄ")).containsExactly(PasswordProblem.TOO_COMMON);
	}

	@Test
	void refusesPasswordContainingTheWholeEmailAddress() {
		assertThat(check("x-an@example.vn-x", "an@example.vn")).containsExactly(PasswordProblem.CONTAINS_ACCOUNT_NAME);
	}

	@Test
	void refusesPasswordContainingTheEmailLocalPartWhateverItsCase() {
		assertThat(check("Secret-NGUYENVANAN-2024", "nguyenvanan@example.vn"))
			.containsExactly(PasswordProblem.CONTAINS_ACCOUNT_NAME);
	}

	@Test
	void refusesPasswordContainingThePhoneNumberDigits() {
		assertThat(check("call 0912345678 now", "0912 345 678")).containsExactly(PasswordProblem.CONTAINS_ACCOUNT_NAME);
	}

	@Test
	void refusesPasswordContainingTheNationalNumberOfAnInternationalPhone() {
		assertThat(check("my phone 0912345678", "+84 912 345 678"))
			.containsExactly(PasswordProblem.CONTAINS_ACCOUNT_NAME);
		assertThat(check("my phone +84912345678", "0912-345-678"))
			.containsExactly(PasswordProblem.CONTAINS_ACCOUNT_NAME);
	}

	@Test
	void ignoresAccountNamesShorterThanThreeCharacters() {
		assertThat(check("vu and his quiet garden", "vu@example.vn")).isEmpty();
		assertThat(check("vu and his quiet garden", "vu", " ", "")).isEmpty();
	}

	@Test
	void refusesPasswordContainingAThreeCharacterAccountName() {
		assertThat(check("lanh and his quiet garden", "anh@example.vn"))
			.containsExactly(PasswordProblem.CONTAINS_ACCOUNT_NAME);
	}

	@Test
	void reportsEveryProblemAtOnce() {
		assertThat(check("an@x.vn", "an@x.vn")).containsExactly(PasswordProblem.TOO_SHORT,
				PasswordProblem.CONTAINS_ACCOUNT_NAME);
	}

	@Test
	void derivesTheSpellingsOfEachAccountName() {
		assertThat(PasswordPolicy.namesToRefuse(List.of("An.Nguyen@Example.VN", "+84 912 345 678", "annguyen")))
			.containsExactlyInAnyOrder("an.nguyen@example.vn", "an.nguyen", "84912345678", "912345678",
					"annguyen");
	}

	@Test
	void usesTheListItIsGiven() {
		PasswordPolicy withOwnList = new PasswordPolicy(Set.of("Hpid-Default-2024"));

		assertThat(withOwnList.check("hpid-default-2024", DEFAULTS, List.of()))
			.containsExactly(PasswordProblem.TOO_COMMON);
		assertThat(withOwnList.check("password", DEFAULTS, List.of())).isEmpty();
	}

	@Test
	void givesEachProblemAMessageKey() {
		assertThat(PasswordProblem.TOO_SHORT.messageKey()).isEqualTo("password.too-short");
		assertThat(PasswordProblem.TOO_LONG.messageKey()).isEqualTo("password.too-long");
		assertThat(PasswordProblem.TOO_COMMON.messageKey()).isEqualTo("password.too-common");
		assertThat(PasswordProblem.CONTAINS_ACCOUNT_NAME.messageKey()).isEqualTo("password.contains-account-name");
	}

}
