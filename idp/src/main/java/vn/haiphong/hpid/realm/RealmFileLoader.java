package vn.haiphong.hpid.realm;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Loads every realm file matching the configured patterns. All files are checked before
 * any is used, and all problems are reported at once; two files may not define the same
 * realm.
 */
public final class RealmFileLoader {

	private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

	public List<Realm> load(List<String> patterns) {
		List<Realm> realms = new ArrayList<>();
		List<RealmFileError> errors = new ArrayList<>();
		Map<String, String> fileOfRealm = new HashMap<>();
		for (String pattern : patterns) {
			Resource[] resources;
			try {
				resources = this.resolver.getResources(pattern);
			}
			catch (IOException ex) {
				errors.add(new RealmFileError(pattern, "(pattern)", 0, "cannot list realm files: " + ex.getMessage()));
				continue;
			}
			for (Resource resource : resources) {
				String name = resource.getFilename() == null ? pattern : resource.getFilename();
				if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
					continue;
				}
				try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
					Realm realm = RealmFileParser.parse(name, reader);
					String other = fileOfRealm.putIfAbsent(realm.name(), name);
					if (other != null) {
						errors.add(new RealmFileError(name, "realm", 1,
								"realm '" + realm.name() + "' is already defined in " + other));
					}
					else {
						realms.add(realm);
					}
				}
				catch (RealmFileException ex) {
					errors.addAll(ex.errors());
				}
				catch (IOException ex) {
					errors.add(new RealmFileError(name, "(file)", 0, "cannot read: " + ex.getMessage()));
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new RealmFileException(errors);
		}
		if (realms.isEmpty()) {
			throw new RealmFileException(List.of(new RealmFileError(String.join(",", patterns), "(pattern)", 0,
					"no realm files found")));
		}
		return realms;
	}

}
