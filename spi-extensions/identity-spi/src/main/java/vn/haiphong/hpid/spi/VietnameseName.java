package vn.haiphong.hpid.spi;

import java.util.Arrays;
import java.util.Optional;

/**
 * A full name in Vietnamese order — family name first, given name last, middle name(s)
 * between: "Nguyễn Thị Minh Khai" is family "Nguyễn", middle "Thị Minh", given "Khai".
 * A single-word name is a given name only. Whitespace is collapsed; letters are kept as sent.
 */
public record VietnameseName(String fullName, Optional<String> familyName, Optional<String> middleName, String givenName) {

    public VietnameseName {
        if (fullName == null || fullName.isBlank() || givenName == null || givenName.isBlank()) {
            throw new IllegalArgumentException("a name needs at least a given name");
        }
        if (familyName == null || middleName == null) {
            throw new IllegalArgumentException("absent name parts are Optional.empty(), not null");
        }
    }

    public static VietnameseName parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("name is missing");
        }
        String[] words = raw.strip().split("\\s+");
        String fullName = String.join(" ", words);
        if (words.length == 1) {
            return new VietnameseName(fullName, Optional.empty(), Optional.empty(), words[0]);
        }
        String middle = String.join(" ", Arrays.copyOfRange(words, 1, words.length - 1));
        return new VietnameseName(fullName, Optional.of(words[0]),
                middle.isEmpty() ? Optional.empty() : Optional.of(middle), words[words.length - 1]);
    }

    /** Names are personal data: logs get the shape, callers that need the name ask {@link #fullName()}. */
    @Override
    public String toString() {
        return "VietnameseName[" + fullName.split(" ").length + " words]";
    }
}
