package vn.haiphong.hpid.realm;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code tokens} block, for the realm or as a client's overrides. Missing keys
 * keep the inherited value. The bounds keep lifetimes within what the token design
 * assumes: codes are redeemed at once, access and ID tokens cannot be revoked so stay
 * short, and refresh token families end within a year.
 */
final class TokenSettingsReader {

	static final List<String> FIELDS = List.of("authorizationCodeLifetime", "accessTokenLifetime",
			"idTokenLifetime", "refreshTokenLifetime");

	private TokenSettingsReader() {
	}

	static TokenSettings read(MappingReader owner, String key, TokenSettings inherited) {
		Optional<MappingReader> tokens = owner.map(key, FIELDS);
		if (tokens.isEmpty()) {
			return inherited;
		}
		MappingReader reader = tokens.get();
		return new TokenSettings(
				bounded(reader, "authorizationCodeLifetime", Duration.ofSeconds(1), Duration.ofMinutes(10),
						inherited.authorizationCodeLifetime()),
				bounded(reader, "accessTokenLifetime", Duration.ofMinutes(1), TokenSettings.LONGEST_ACCESS_TOKEN_LIFETIME,
						inherited.accessTokenLifetime()),
				bounded(reader, "idTokenLifetime", Duration.ofMinutes(1), Duration.ofHours(1),
						inherited.idTokenLifetime()),
				bounded(reader, "refreshTokenLifetime", Duration.ofMinutes(1), Duration.ofDays(365),
						inherited.refreshTokenLifetime()));
	}

	private static Duration bounded(MappingReader reader, String key, Duration min, Duration max,
			Duration inherited) {
		Optional<Duration> duration = reader.duration(key);
		if (duration.isEmpty()) {
			return inherited;
		}
		if (duration.get().compareTo(min) < 0 || duration.get().compareTo(max) > 0) {
			reader.error(key, "must be between " + Durations.format(min) + " and " + Durations.format(max));
			return inherited;
		}
		return duration.get();
	}

}
