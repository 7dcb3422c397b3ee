package vn.haiphong.hpid.vneid;

import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import vn.haiphong.hpid.spi.FailureKind;
import vn.haiphong.hpid.spi.Gender;
import vn.haiphong.hpid.spi.InvalidPersonalIdNumberException;
import vn.haiphong.hpid.spi.LevelOfAssurance;
import vn.haiphong.hpid.spi.PersonalIdNumber;
import vn.haiphong.hpid.spi.VietnameseName;

/** Reading upstream claims into the SPI's typed values, with the same rules for every connector. */
final class Claims {

    private Claims() {
    }

    /** @throws UpstreamFailure MISSING_PERSONAL_ID or INVALID_PERSONAL_ID, with a detail that never holds the number */
    static PersonalIdNumber requiredPersonalId(Map<String, Object> claims, String claim, Clock clock) {
        String raw = Json.text(claims, claim).orElseThrow(() -> new UpstreamFailure(FailureKind.MISSING_PERSONAL_ID,
                "upstream sent no personal ID number in claim '" + claim + "'"));
        return personalId(raw, claim, clock);
    }

    static PersonalIdNumber personalId(String raw, String claim, Clock clock) {
        try {
            return PersonalIdNumber.parse(raw, clock);
        } catch (InvalidPersonalIdNumberException e) {
            throw new UpstreamFailure(FailureKind.INVALID_PERSONAL_ID,
                    "claim '" + claim + "' is not a valid personal ID number: " + e.getMessage());
        }
    }

    static Optional<VietnameseName> name(Map<String, Object> claims, String claim) {
        return Json.text(claims, claim).map(VietnameseName::parse);
    }

    /**
     * A birth date in the first configured pattern that fits. Registers hold partial dates
     * (day or month unknown, written as 00) for some older citizens; those stay absent
     * rather than guessed — the birth year is still known from the personal ID number.
     */
    static Optional<LocalDate> birthDate(Map<String, Object> claims, String claim, List<String> patterns) {
        Optional<String> raw = Json.text(claims, claim);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        for (String pattern : patterns) {
            try {
                return Optional.of(LocalDate.parse(raw.get(),
                        DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu"), Locale.ROOT)
                                .withResolverStyle(ResolverStyle.STRICT)));
            } catch (DateTimeParseException e) {
                // try the next pattern
            }
        }
        return Optional.empty();
    }

    /**
     * Gender from the words upstreams are seen to use. Numeric codes are not read: their
     * meaning differs between systems, and a wrong guess is worse than none.
     */
    static Optional<Gender> gender(Map<String, Object> claims, String claim) {
        return Json.text(claims, claim).flatMap(value -> switch (Normalizer.normalize(value, Normalizer.Form.NFC)
                .toLowerCase(Locale.ROOT)) {
            case "nam", "male", "m" -> Optional.of(Gender.MALE);
            case "nữ", "nu", "female", "f" -> Optional.of(Gender.FEMALE);
            default -> Optional.empty();
        });
    }

    /** Unknown or missing upstream levels count as the lowest: never assume more assurance than was proven. */
    static LevelOfAssurance level(Map<String, Object> claims, String claim, Map<String, LevelOfAssurance> mapping) {
        return Json.text(claims, claim).map(mapping::get).orElse(LevelOfAssurance.lowest());
    }
}
