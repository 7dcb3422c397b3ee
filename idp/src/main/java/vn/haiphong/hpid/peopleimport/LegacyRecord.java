package vn.haiphong.hpid.peopleimport;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import vn.haiphong.hpid.account.LegacyPasswordHash;
import vn.haiphong.hpid.person.LoginIdentifiers;
import vn.haiphong.hpid.spi.InvalidPersonalIdNumberException;
import vn.haiphong.hpid.spi.PersonalIdNumber;

/**
 * One person from a legacy system, checked: a legacy id, an e-mail address and/or a phone
 * number (in the forms sign-in looks them up by), an optional display name, the legacy
 * password hash and an optional personal ID number that nobody has verified.
 */
record LegacyRecord(long line, String legacyId, Optional<String> email, Optional<String> emailNormalized,
		Optional<String> phone, Optional<String> displayName, String passwordHash,
		Optional<PersonalIdNumber> unverifiedPersonalId) {

	static final String LEGACY_ID = "legacy_id";

	static final String EMAIL = "email";

	static final String PHONE = "phone";

	static final String DISPLAY_NAME = "display_name";

	static final String PASSWORD_HASH = "password_hash";

	static final String PERSONAL_ID = "personal_id";

	static final List<String> FIELDS = List.of(LEGACY_ID, EMAIL, PHONE, DISPLAY_NAME, PASSWORD_HASH, PERSONAL_ID);

	/** The width of the person table's columns. */
	private static final int MAX_LEGACY_ID = 100;

	private static final int MAX_DISPLAY_NAME = 200;

	/** Checks every field and reports each one at fault, so one pass over a file finds them all. */
	static Result parse(InputRow.Fields row, Clock clock) {
		long line = row.line();
		Map<String, String> values = row.values();
		List<RowProblem> problems = new ArrayList<>();
		for (String name : values.keySet()) {
			if (!FIELDS.contains(name)) {
				problems.add(new RowProblem(line, name, "unknown field; expected " + String.join(", ", FIELDS)));
			}
		}
		String legacyId = values.getOrDefault(LEGACY_ID, "").strip();
		if (legacyId.isEmpty()) {
			problems.add(new RowProblem(line, LEGACY_ID, "missing: the record's key in the legacy system is required"));
		}
		else if (legacyId.length() > MAX_LEGACY_ID) {
			problems.add(new RowProblem(line, LEGACY_ID, "longer than " + MAX_LEGACY_ID + " characters"));
		}
		Optional<String> email = Optional.ofNullable(values.get(EMAIL)).map(String::strip);
		Optional<String> emailNormalized = email.flatMap(LoginIdentifiers::normalizeEmail);
		if (email.isPresent() && emailNormalized.isEmpty()) {
			problems.add(new RowProblem(line, EMAIL, "not an e-mail address"));
		}
		Optional<String> phone = Optional.ofNullable(values.get(PHONE)).flatMap(LoginIdentifiers::normalizePhone);
		if (values.containsKey(PHONE) && phone.isEmpty()) {
			problems.add(new RowProblem(line, PHONE, "not a Vietnamese phone number (0…, 84… or +84…, 9 or 10 digits)"));
		}
		if (!values.containsKey(EMAIL) && !values.containsKey(PHONE)) {
			problems.add(new RowProblem(line, EMAIL, "missing: an e-mail address or a phone number is required to sign in"));
		}
		Optional<String> displayName = Optional.ofNullable(values.get(DISPLAY_NAME))
			.map(String::strip)
			.filter((name) -> !name.isEmpty());
		if (displayName.isPresent() && displayName.get().length() > MAX_DISPLAY_NAME) {
			problems.add(new RowProblem(line, DISPLAY_NAME, "longer than " + MAX_DISPLAY_NAME + " characters"));
		}
		if (displayName.isPresent() && displayName.get().chars().anyMatch(Character::isISOControl)) {
			problems.add(new RowProblem(line, DISPLAY_NAME, "contains control characters"));
		}
		String passwordHash = values.getOrDefault(PASSWORD_HASH, "").strip();
		try {
			LegacyPasswordHash.parse(passwordHash);
		}
		catch (IllegalArgumentException ex) {
			problems.add(new RowProblem(line, PASSWORD_HASH, ex.getMessage()));
		}
		Optional<PersonalIdNumber> personalId = Optional.empty();
		if (values.containsKey(PERSONAL_ID)) {
			try {
				personalId = Optional.of(PersonalIdNumber.parse(values.get(PERSONAL_ID), clock));
			}
			catch (InvalidPersonalIdNumberException ex) {
				problems.add(new RowProblem(line, PERSONAL_ID, ex.getMessage()));
			}
		}
		if (!problems.isEmpty()) {
			return new Result(null, problems);
		}
		return new Result(new LegacyRecord(line, legacyId, email, emailNormalized, phone, displayName, passwordHash,
				personalId), List.of());
	}

	/** Either a record or the problems that kept it out. */
	record Result(LegacyRecord record, List<RowProblem> problems) {

		boolean valid() {
			return this.record != null;
		}

	}

}
