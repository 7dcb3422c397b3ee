package vn.haiphong.hpid.realm;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Loads every realm file matching a list of resource patterns. All files are read
 * and checked before anything is refused, so one start-up shows every problem in
 * every file.
 */
public final class RealmFileLoader {

	/** Where the realms shipped in {@code realm-config} are. */
	public static final String DEFAULT_PATTERN = "classpath*:realms/*.yaml";

	private final ResourcePatternResolver resolver;

	private final RealmFileParser parser;

	public RealmFileLoader() {
		this(new PathMatchingResourcePatternResolver(), new RealmFileParser());
	}

	public RealmFileLoader(ResourcePatternResolver resolver, RealmFileParser parser) {
		this.resolver = Objects.requireNonNull(resolver, "resolver");
		this.parser = Objects.requireNonNull(parser, "parser");
	}

	/** The realms of {@link #DEFAULT_PATTERN}. */
	public List<Realm> load() {
		return load(List.of(DEFAULT_PATTERN));
	}

	/**
	 * Loads the {@code .yaml} and {@code .yml} files matching the patterns, such as
	 * {@code classpath*:realms/*.yaml} or {@code file:/etc/hpid/realms/*.yaml}.
	 * @return the realms, in the order of the patterns and then of the file names; empty
	 * when nothing matches
	 * @throws RealmFileException listing every error of every file, including realm names
	 * declared by more than one file
	 */
	public List<Realm> load(List<String> patterns) {
		List<RealmFileError> errors = new ArrayList<>();
		List<Realm> realms = new ArrayList<>();
		Map<String, String> fileByRealm = new HashMap<>();
		for (RealmFile file : resolve(patterns, errors).values()) {
			String fileName = file.name();
			try (Reader reader = new InputStreamReader(file.resource().getInputStream(), StandardCharsets.UTF_8)) {
				Located<Realm> realm = this.parser.parseFile(fileName, reader, folderOf(file.resource()));
				String first = fileByRealm.putIfAbsent(realm.value().name(), fileName);
				if (first != null) {
					errors.add(new RealmFileError(fileName, realm.path(), realm.line(),
							"duplicate realm name; already defined in " + first));
				}
				else {
					realms.add(realm.value());
				}
			}
			catch (RealmFileException ex) {
				errors.addAll(ex.errors());
			}
			catch (IOException ex) {
				errors.add(new RealmFileError(fileName, RealmFileError.ROOT, 0, "cannot be read: " + ex.getMessage()));
			}
		}
		if (!errors.isEmpty()) {
			throw new RealmFileException(errors);
		}
		return realms;
	}

	/** Files next to the realm file: a folder on disk, or on the classpath (in a jar too). */
	private static RealmFolder folderOf(Resource realmFile) {
		return (name, maxBytes) -> {
			Resource file = realmFile.createRelative(name);
			if (!file.exists() || !file.isReadable()) {
				return Optional.empty();
			}
			try (java.io.InputStream in = file.getInputStream()) {
				return Optional.of(in.readNBytes(maxBytes + 1));
			}
		};
	}

	/** The matching realm files by URL, so a file matched by two patterns is read once. */
	private Map<String, RealmFile> resolve(List<String> patterns, List<RealmFileError> errors) {
		Map<String, RealmFile> files = new LinkedHashMap<>();
		for (String pattern : patterns) {
			Resource[] resources;
			try {
				resources = this.resolver.getResources(pattern);
			}
			catch (IOException ex) {
				errors.add(new RealmFileError(pattern, RealmFileError.ROOT, 0,
						"cannot list realm files: " + ex.getMessage()));
				continue;
			}
			List<Resource> matched = new ArrayList<>();
			for (Resource resource : resources) {
				String name = resource.getFilename();
				if (name != null && (name.endsWith(".yaml") || name.endsWith(".yml")) && resource.isReadable()) {
					matched.add(resource);
				}
			}
			matched.sort((a, b) -> a.getFilename().compareTo(b.getFilename()));
			for (Resource resource : matched) {
				files.putIfAbsent(key(resource), new RealmFile(resource, displayName(pattern, resource)));
			}
		}
		return files;
	}

	private static String key(Resource resource) {
		try {
			return resource.getURL().toString();
		}
		catch (IOException ex) {
			return resource.getDescription();
		}
	}

	/** Operators edit files on disk by path; classpath files are known by their name. */
	private static String displayName(String pattern, Resource resource) {
		if (!pattern.startsWith(ResourcePatternResolver.CLASSPATH_ALL_URL_PREFIX)
				&& !pattern.startsWith(ResourcePatternResolver.CLASSPATH_URL_PREFIX) && resource.isFile()) {
			try {
				return resource.getFile().getPath();
			}
			catch (IOException ex) {
				// fall back to the file name
			}
		}
		return resource.getFilename();
	}

	private record RealmFile(Resource resource, String name) {

	}

}
