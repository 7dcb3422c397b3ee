package vn.haiphong.hpid.spi;

import java.time.Clock;
import java.time.Year;
import java.util.Objects;

import vn.haiphong.hpid.spi.InvalidPersonalIdNumberException.Reason;

/**
 * The 12-digit personal identification number (số định danh cá nhân, printed on the CCCD),
 * structured {@code PPP G YY NNNNNN}: birth-registration province, century and gender,
 * last two digits of the birth year, six random digits. There is no check digit, so a
 * well-formed number can still be wrong; only the upstream register can tell.
 *
 * <p>A class rather than a record so that no instance can exist without passing
 * {@link #parse}; {@link #toString()} is masked because this is personal data.
 */
public final class PersonalIdNumber {

    private static final int LENGTH = 12;

    private final String value;
    private final ProvinceCode province;
    private final Year birthYear;
    private final Gender gender;

    private PersonalIdNumber(String value, ProvinceCode province, Year birthYear, Gender gender) {
        this.value = value;
        this.province = province;
        this.birthYear = birthYear;
        this.gender = gender;
    }

    /** Parses against the system clock; prefer {@link #parse(String, Clock)} where a clock is injected. */
    public static PersonalIdNumber parse(String raw) {
        return parse(raw, Clock.systemDefaultZone());
    }

    public static PersonalIdNumber parse(String raw, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return parse(raw, Year.now(clock));
    }

    /**
     * @param currentYear the year "now"; a number encoding a later birth year is rejected
     * @throws InvalidPersonalIdNumberException with the precise reason, never echoing the input
     */
    public static PersonalIdNumber parse(String raw, Year currentYear) {
        Objects.requireNonNull(currentYear, "currentYear");
        if (raw == null || raw.isBlank()) {
            throw new InvalidPersonalIdNumberException(Reason.MISSING, "personal ID number is missing");
        }
        String value = raw.strip();
        if (value.length() != LENGTH) {
            throw new InvalidPersonalIdNumberException(Reason.WRONG_LENGTH,
                    "personal ID number must have 12 digits, got " + value.length() + " characters");
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidPersonalIdNumberException(Reason.NOT_DIGITS,
                        "personal ID number must contain only ASCII digits; position " + (i + 1) + " is not one");
            }
        }
        int centuryGenderDigit = value.charAt(3) - '0';
        // 0/1 = 1900s, 2/3 = 2000s, ... 8/9 = 2300s; even = male, odd = female.
        int century = 1900 + (centuryGenderDigit / 2) * 100;
        Gender gender = centuryGenderDigit % 2 == 0 ? Gender.MALE : Gender.FEMALE;
        Year birthYear = Year.of(century + Integer.parseInt(value.substring(4, 6)));
        if (birthYear.isAfter(currentYear)) {
            throw new InvalidPersonalIdNumberException(Reason.BIRTH_YEAR_IN_FUTURE,
                    "personal ID number encodes a birth year after " + currentYear
                            + " (century digit " + centuryGenderDigit + ")");
        }
        return new PersonalIdNumber(value, ProvinceCode.of(value.substring(0, 3)), birthYear, gender);
    }

    /** The full 12 digits. Only for the natural key and for apps granted the dedicated scope. */
    public String value() {
        return value;
    }

    public String provinceCode() {
        return province.code();
    }

    public ProvinceCode province() {
        return province;
    }

    public Year birthYear() {
        return birthYear;
    }

    public Gender gender() {
        return gender;
    }

    /** First three and last two digits kept, e.g. {@code 031*******89}: enough to tell numbers apart in support. */
    public String masked() {
        return value.substring(0, 3) + "*".repeat(LENGTH - 5) + value.substring(LENGTH - 2);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PersonalIdNumber that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Masked, so that the number never leaks into logs through string concatenation. */
    @Override
    public String toString() {
        return masked();
    }
}
