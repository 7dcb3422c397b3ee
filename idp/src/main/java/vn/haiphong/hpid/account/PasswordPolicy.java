package vn.haiphong.hpid.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import vn.haiphong.hpid.realm.PasswordPolicySettings;

/**
 * Password rules after OWASP ASVS 5 (V6.2): a minimum length, room for long passphrases,
 * no composition rules, no common passwords, nothing that contains the account's own
 * names. Length counts characters as people see them (Unicode code points after NFC),
 * so Vietnamese passphrases are measured fairly.
 */
public final class PasswordPolicy {

	private static final String COMMON_PASSWORDS = "/account/common-passwords.txt";

	private static final int MIN_NAME_LENGTH = 3;

	private final Set<String> common;

	public PasswordPolicy() {
		this.common = load();
	}

	public List<PasswordProblem> check(String password, PasswordPolicySettings settings,
			Collection<String> accountNames) {
		List<PasswordProblem> problems = new ArrayList<>();
		String normalized = Normalizer.normalize(password, Normalizer.Form.NFC);
		int length = normalized.codePointCount(0, normalized.length());
		if (length < settings.minLength()) {
			problems.add(PasswordProblem.TOO_SHORT);
		}
		if (length > settings.maxLength()) {
			problems.add(PasswordProblem.TOO_LONG);
		}
		String lower = normalized.toLowerCase(Locale.ROOT);
		if (this.common.contains(lower)) {
			problems.add(PasswordProblem.TOO_COMMON);
		}
		for (String name : accountNames) {
			for (String part : namesIn(name)) {
				if (part.length() >= MIN_NAME_LENGTH && lower.contains(part)) {
					problems.add(PasswordProblem.CONTAINS_ACCOUNT_NAME);
					return problems;
				}
			}
		}
		return problems;
	}

	boolean isCommon(String password) {
		return this.common.contains(password.toLowerCase(Locale.ROOT));
	}

	private static List<String> namesIn(String name) {
		String lower = Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).strip();
		List<String> parts = new ArrayList<>();
		parts.add(lower);
		int at = lower.indexOf('@');
		if (at > 0) {
			parts.add(lower.substring(0, at));
		}
		String digits = lower.replaceAll("[^0-9]", "");
		if (digits.length() >= 6 && digits.length() == lower.replaceAll("[\\s+().-]", "").length()) {
			parts.add(digits);
		}
		return parts;
	}

	private static Set<String> load() {
		Set<String> passwords = new HashSet<>();
		try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS)) {
			if (in == null) {
				throw new IllegalStateException("The common password list " + COMMON_PASSWORDS + " is missing");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String trimmed = line.strip();
				if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
					passwords.add(trimmed.toLowerCase(Locale.ROOT));
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the common password list", ex);
		}
		return Set.copyOf(passwords);
	}

}
