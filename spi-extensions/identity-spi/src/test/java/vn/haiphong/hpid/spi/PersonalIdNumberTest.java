package vn.haiphong.hpid.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import vn.haiphong.hpid.spi.InvalidPersonalIdNumberException.Reason;

class PersonalIdNumberTest {

    private static final Year NOW = Year.of(2026);

    @Test
    void readsProvinceCenturyGenderAndYearFromTheStructure() {
        PersonalIdNumber id = PersonalIdNumber.parse("031085001289", NOW);

        assertThat(id.value()).isEqualTo("031085001289");
        assertThat(id.provinceCode()).isEqualTo("031");
        assertThat(id.province().name()).contains("Hải Phòng");
        assertThat(id.birthYear()).isEqualTo(Year.of(1985));
        assertThat(id.gender()).isEqualTo(Gender.MALE);
    }

    @ParameterizedTest
    @CsvSource({
            "001090000001, 1990, MALE",
            "001190000001, 1990, FEMALE",
            "001212000001, 2012, MALE",
            "001312000001, 2012, FEMALE",
            "001400000001, 2100, MALE",
            "001500000001, 2100, FEMALE"})
    void centuryAndGenderDigitSelectsCenturyAndGender(String value, int year, Gender gender) {
        PersonalIdNumber id = PersonalIdNumber.parse(value, Year.of(2200));

        assertThat(id.birthYear()).isEqualTo(Year.of(year));
        assertThat(id.gender()).isEqualTo(gender);
    }

    @ParameterizedTest
    @CsvSource({"6, 2200", "7, 2200", "8, 2300", "9, 2300"})
    void farCenturyDigitsAreUnderstoodWhenTheyAreNotInTheFuture(char digit, int century) {
        PersonalIdNumber id = PersonalIdNumber.parse("001" + digit + "00000001", Year.of(2400));

        assertThat(id.birthYear()).isEqualTo(Year.of(century));
    }

    @ParameterizedTest
    @ValueSource(strings = {"001400000001", "001900000001", "001227000001"})
    void rejectsBirthYearInTheFuture(String value) {
        assertThatThrownBy(() -> PersonalIdNumber.parse(value, NOW))
                .isInstanceOfSatisfying(InvalidPersonalIdNumberException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BIRTH_YEAR_IN_FUTURE));
    }

    @Test
    void acceptsBirthInTheCurrentYearOfTheInjectedClock() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);

        assertThat(PersonalIdNumber.parse("031226000001", clock).birthYear()).isEqualTo(Year.of(2026));
        assertThatThrownBy(() -> PersonalIdNumber.parse("031227000001", clock))
                .isInstanceOf(InvalidPersonalIdNumberException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"999", "000", "003", "100"})
    void acceptsAnyThreeDigitProvinceAsOtherOrAbroad(String province) {
        PersonalIdNumber id = PersonalIdNumber.parse(province + "085001289", NOW);

        assertThat(id.provinceCode()).isEqualTo(province);
        assertThat(id.province().isKnownDomestic()).isFalse();
        assertThat(id.province().name()).isEmpty();
    }

    @Test
    void recognisesPublishedProvinceCodesByName() {
        assertThat(PersonalIdNumber.parse("079085001289", NOW).province().name()).contains("TP. Hồ Chí Minh");
        assertThat(PersonalIdNumber.parse("022085001289", NOW).province().name()).contains("Quảng Ninh");
        assertThat(PersonalIdNumber.parse("001085001289", NOW).province().name()).contains("Hà Nội");
    }

    @Test
    void hasNoCheckDigitSoAnyLastDigitIsAccepted() {
        for (char last = '0'; last <= '9'; last++) {
            assertThat(PersonalIdNumber.parse("03108500128" + last, NOW).value()).endsWith(String.valueOf(last));
        }
    }

    @ParameterizedTest
    @CsvSource({
            "03108500128, WRONG_LENGTH",
            "0310850012890, WRONG_LENGTH",
            "03108500128a, NOT_DIGITS",
            "031 85001289, NOT_DIGITS",
            "０３１０８５００１２８９, NOT_DIGITS"})
    void rejectsMalformedInputWithAPreciseReason(String value, Reason reason) {
        assertThatThrownBy(() -> PersonalIdNumber.parse(value, NOW))
                .isInstanceOfSatisfying(InvalidPersonalIdNumberException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void rejectsMissingInput() {
        assertThatThrownBy(() -> PersonalIdNumber.parse(null, NOW))
                .isInstanceOfSatisfying(InvalidPersonalIdNumberException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MISSING));
        assertThatThrownBy(() -> PersonalIdNumber.parse("  ", NOW))
                .isInstanceOf(InvalidPersonalIdNumberException.class);
    }

    @Test
    void rejectionMessagesNeverEchoTheInput() {
        assertThatThrownBy(() -> PersonalIdNumber.parse("031927001289", NOW))
                .message().doesNotContain("031927001289");
        assertThatThrownBy(() -> PersonalIdNumber.parse("03192700128x", NOW))
                .message().doesNotContain("03192700128");
    }

    @Test
    void masksAllButTheFirstThreeAndLastTwoDigits() {
        assertThat(PersonalIdNumber.parse("031085001289", NOW).masked()).isEqualTo("031*******89");
    }

    @Test
    void toStringIsMaskedSoLogsNeverCarryTheNumber() {
        PersonalIdNumber id = PersonalIdNumber.parse("031085001289", NOW);

        assertThat(id.toString()).isEqualTo("031*******89");
        assertThat("user " + id).doesNotContain("031085001289");
    }

    @Test
    void equalNumbersAreEqualValues() {
        assertThat(PersonalIdNumber.parse(" 031085001289 ", NOW)).isEqualTo(PersonalIdNumber.parse("031085001289", NOW))
                .hasSameHashCodeAs(PersonalIdNumber.parse("031085001289", NOW));
    }
}
