package vn.haiphong.hpid.realm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code displayName: { vi: ..., en: ... }} field. Vietnamese is the language
 * of the service and must be present; English is optional.
 */
final class DisplayNames {

	private static final List<String> LANGUAGES = List.of("vi", "en");

	private DisplayNames() {
	}

	/** The names by language; empty when the field is absent or wrong (the error is reported). */
	static Optional<Map<String, String>> read(MappingReader owner, String key) {
		Optional<MappingReader> names = owner.map(key, LANGUAGES);
		if (names.isEmpty()) {
			return Optional.empty();
		}
		Map<String, String> byLanguage = new LinkedHashMap<>();
		for (String language : LANGUAGES) {
			names.get().string(language).map(String::strip).ifPresent(name -> {
				if (name.isEmpty()) {
					names.get().error(language, "must not be blank");
				}
				else {
					byLanguage.put(language, name);
				}
			});
		}
		if (!names.get().has("vi")) {
			names.get().required("vi");
		}
		return Optional.of(byLanguage);
	}

}
