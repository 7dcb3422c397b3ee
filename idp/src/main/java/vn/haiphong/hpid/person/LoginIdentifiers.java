package vn.haiphong.hpid.person;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The two ways a person names a local account: an e-mail address or a Vietnamese mobile
 * number. Phone numbers are stored in one form (+84…), so "0912 345 678" and
 * "+84912345678" are the same account.
 */
public final class LoginIdentifiers {

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s.]{2,63}$");

	private static final Pattern PHONE = Pattern.compile("^(?:\\+84|84|0)([1-9][0-9]{8,9})$");

	private LoginIdentifiers() {
	}

	public static Optional<String> normalizeEmail(String value) {
		String trimmed = value == null ? "" : value.strip();
		if (trimmed.length() > 320 || !EMAIL.matcher(trimmed).matches()) {
			return Optional.empty();
		}
		return Optional.of(trimmed.toLowerCase(Locale.ROOT));
	}

	public static Optional<String> normalizePhone(String value) {
		String compact = value == null ? "" : value.replaceAll("[\\s.()-]", "");
		if (compact.length() > 16) {
			return Optional.empty();
		}
		var matcher = PHONE.matcher(compact);
		return matcher.matches() ? Optional.of("+84" + matcher.group(1)) : Optional.empty();
	}

}
