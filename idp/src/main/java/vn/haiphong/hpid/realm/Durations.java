package vn.haiphong.hpid.realm;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them: {@code 60s}, {@code 5m}, {@code 8h}, {@code 30d},
 * or ISO-8601 ({@code PT5M}) for those who prefer it.
 */
final class Durations {

	private static final Pattern SHORT = Pattern.compile("([0-9]{1,9})(s|m|h|d)");

	private Durations() {
	}

	/** The duration, or empty when the text is neither form or is not positive. */
	static Optional<Duration> parse(String text) {
		Matcher shortForm = SHORT.matcher(text);
		Duration duration;
		if (shortForm.matches()) {
			long amount = Long.parseLong(shortForm.group(1));
			duration = switch (shortForm.group(2)) {
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			};
		}
		else if (text.startsWith("P") || text.startsWith("p")) {
			try {
				duration = Duration.parse(text);
			}
			catch (DateTimeParseException ex) {
				return Optional.empty();
			}
		}
		else {
			return Optional.empty();
		}
		return (duration.isNegative() || duration.isZero()) ? Optional.empty() : Optional.of(duration);
	}

	/** The shortest of the operator forms, for messages: {@code 10m} rather than {@code PT10M}. */
	static String format(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds % 86_400 == 0) {
			return seconds / 86_400 + "d";
		}
		if (seconds % 3_600 == 0) {
			return seconds / 3_600 + "h";
		}
		if (seconds % 60 == 0) {
			return seconds / 60 + "m";
		}
		return seconds + "s";
	}

}
