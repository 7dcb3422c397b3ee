package vn.haiphong.hpid.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import vn.haiphong.hpid.realm.PasswordPolicySettings;

/**
 * Decides whether a new password may be set, after OWASP ASVS 5 (V6.2): length bounds,
 * no composition rules, no common passwords, no account names.
 *
 * <p>Build one per application: the constructor reads the shipped common-password list
 * into memory once.
 */
public final class PasswordPolicy {

	static final String COMMON_PASSWORDS_RESOURCE = "/account/common-passwords.txt";

	/** ASVS 5 floors; a realm may only be stricter. */
	static final int MIN_LENGTH_FLOOR = 8;

	static final int MAX_LENGTH_FLOOR = 64;

	/** Shorter names would refuse too many innocent passwords ("an", "vu"). */
	static final int MIN_ACCOUNT_NAME_LENGTH = 3;

	/** A UTF-16 unit at most composes with a few others, so this input can never fit. */
	private static final int MAX_UTF16_UNITS_PER_CHARACTER = 4;

	private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().-]{6,}");

	private final Set<String> commonPasswords;

	/** Loads the common-password list shipped in this module. */
	public PasswordPolicy() {
		this(loadShippedList());
	}

	PasswordPolicy(Set<String> commonPasswords) {
		Set<String> folded = new HashSet<>();
		for (String password : commonPasswords) {
			folded.add(comparable(password));
		}
		this.commonPasswords = Set.copyOf(folded);
	}

	/**
	 * Every rule the password breaks, in a stable order; empty when it is acceptable.
	 * @param accountNames the e-mail addresses, phone numbers and user names of the
	 * account, in any spelling; blank entries are ignored
	 */
	public List<PasswordProblem> check(String password, PasswordPolicySettings settings,
			Collection<String> accountNames) {
		Objects.requireNonNull(password, "password");
		Objects.requireNonNull(settings, "settings");
		Objects.requireNonNull(accountNames, "accountNames");
		int minLength = Math.max(settings.minLength(), MIN_LENGTH_FLOOR);
		int maxLength = Math.max(settings.maxLength(), MAX_LENGTH_FLOOR);
		// Refuse absurd input before normalising it, so a megabyte field costs nothing.
		if (password.length() > (long) maxLength * MAX_UTF16_UNITS_PER_CHARACTER) {
			return List.of(PasswordProblem.TOO_LONG);
		}
		List<PasswordProblem> problems = new ArrayList<>();
		int length = length(password);
		if (length < minLength) {
			problems.add(PasswordProblem.TOO_SHORT);
		}
		if (length > maxLength) {
			problems.add(PasswordProblem.TOO_LONG);
		}
		String folded = comparable(password);
		if (this.commonPasswords.contains(folded)) {
			problems.add(PasswordProblem.TOO_COMMON);
		}
		if (containsAccountName(folded, accountNames)) {
			problems.add(PasswordProblem.CONTAINS_ACCOUNT_NAME);
		}
		return List.copyOf(problems);
	}

	/**
	 * Characters as the person typed them: a Vietnamese "ệ" may arrive as one code point
	 * or as three (decomposed), and must count as one either way.
	 */
	static int length(String password) {
		String composed = Normalizer.normalize(password, Normalizer.Form.NFC);
		return composed.codePointCount(0, composed.length());
	}

	int commonPasswordCount() {
		return this.commonPasswords.size();
	}

	private static boolean containsAccountName(String foldedPassword, Collection<String> accountNames) {
		for (String name : namesToRefuse(accountNames)) {
			if (foldedPassword.contains(name)) {
				return true;
			}
		}
		return false;
	}

	/** The spellings of each account name a person would put in a password. */
	static Set<String> namesToRefuse(Collection<String> accountNames) {
		Set<String> names = new LinkedHashSet<>();
		for (String raw : accountNames) {
			if (raw == null || raw.isBlank()) {
				continue;
			}
			String name = comparable(raw.strip());
			int at = name.lastIndexOf('@');
			if (at >= 0) {
				names.add(name);
				names.add(name.substring(0, at));
			}
			else if (PHONE.matcher(name).matches()) {
				String digits = name.replaceAll("[^0-9]", "");
				names.add(digits);
				// +84 912 345 678 and 0912 345 678 share the subscriber number: refuse that.
				if (digits.startsWith("84") && digits.length() > 9) {
					names.add(digits.substring(2));
				}
				else if (digits.startsWith("0")) {
					names.add(digits.substring(1));
				}
			}
			else {
				names.add(name);
			}
		}
		names.removeIf(name -> name.codePointCount(0, name.length()) < MIN_ACCOUNT_NAME_LENGTH);
		return names;
	}

	/** Folds width variants and case, so "ＰＡＳＳＷＯＲＤ" is as common as "password". */
	private static String comparable(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}

	private static Set<String> loadShippedList() {
		InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS_RESOURCE);
		if (in == null) {
			throw new IllegalStateException("Missing resource " + COMMON_PASSWORDS_RESOURCE);
		}
		Set<String> passwords = new HashSet<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.isBlank() && !line.startsWith("#")) {
					passwords.add(line.strip());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + COMMON_PASSWORDS_RESOURCE, ex);
		}
		return passwords;
	}

}
