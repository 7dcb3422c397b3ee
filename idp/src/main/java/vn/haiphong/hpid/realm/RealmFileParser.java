package vn.haiphong.hpid.realm;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses one YAML realm file into a {@link Realm}, checking every field. The YAML is
 * read as a node tree, not bound to objects, so every error carries its line and no
 * YAML tag can instantiate a class.
 *
 * <p>
 * The format is documented in {@code realm-config/README.md}.
 */
public final class RealmFileParser {

	static final List<String> FIELDS = List.of("realm", "displayName", "selfRegistration", "passwordPolicy",
			"tokens", "sessions", "clients", "removedClients", "upstreams", "secondFactor", "branding");

	private static final Pattern REALM_NAME = Pattern.compile("[a-z][a-z0-9-]{1,39}");

	/**
	 * Parses a realm file.
	 * @param fileName the name shown in errors
	 * @param yaml the file's content; not closed
	 * @return the realm, every field checked and defaults filled in
	 * @throws RealmFileException listing everything wrong in the file
	 */
	public Realm parse(String fileName, Reader yaml) {
		return parseFile(fileName, yaml, RealmFolder.NONE).value();
	}

	/**
	 * As {@link #parse}, reading the files the realm names (a logo) from its folder, and
	 * telling where the realm's name is, for errors across files.
	 */
	Located<Realm> parseFile(String fileName, Reader yaml, RealmFolder folder) {
		Problems problems = new Problems(fileName);
		Optional<Node> root = compose(yaml, problems);
		Optional<Located<Realm>> realm = root.flatMap(node -> readRealm(node, problems, folder));
		problems.throwIfAny();
		return realm.orElseThrow(() -> new IllegalStateException("no realm and no error for " + fileName));
	}

	private static Optional<Node> compose(Reader yaml, Problems problems) {
		try {
			Node root = new Yaml(new LoaderOptions()).compose(yaml);
			if (root == null) {
				problems.add(RealmFileError.ROOT, 0, "the file is empty; expected a realm definition");
			}
			return Optional.ofNullable(root);
		}
		catch (MarkedYAMLException ex) {
			// The problem alone: the full message quotes the offending line, which could be a secret.
			Mark mark = (ex.getProblemMark() != null) ? ex.getProblemMark() : ex.getContextMark();
			int line = (mark != null) ? mark.getLine() + 1 : 0;
			String problem = (ex.getProblem() != null) ? ex.getProblem() : ex.getContext();
			problems.add(RealmFileError.ROOT, line, "invalid YAML: " + problem);
		}
		catch (YAMLException ex) {
			problems.add(RealmFileError.ROOT, 0,
					"invalid YAML: the file could not be read or contains characters YAML does not allow");
		}
		return Optional.empty();
	}

	private static Optional<Located<Realm>> readRealm(Node root, Problems problems, RealmFolder folder) {
		int errorsBefore = problems.count();
		Optional<MappingReader> found = MappingReader.read(root, "", problems, FIELDS);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		MappingReader realm = found.get();

		Optional<Located<String>> name = name(realm);
		Optional<Map<String, String>> displayName = DisplayNames.read(realm, "displayName");
		if (!realm.has("displayName")) {
			realm.required("displayName");
		}
		boolean selfRegistration = realm.bool("selfRegistration").orElse(false);
		PasswordPolicySettings passwordPolicy = passwordPolicy(realm);
		TokenSettings tokens = TokenSettingsReader.read(realm, "tokens", TokenSettings.DEFAULT);
		SessionSettings sessions = sessions(realm);
		List<ClientRegistration> clients = clients(realm, tokens, problems);
		List<String> removedClients = removedClients(realm, clients, problems);
		List<UpstreamRegistration> upstreams = upstreams(realm, problems);
		Realm.SecondFactorPolicy secondFactor = Realm.SecondFactorPolicy.OPTIONAL;
		Optional<String> policy = realm.has("secondFactor") ? realm.string("secondFactor") : Optional.empty();
		if (policy.isPresent()) {
			switch (policy.get()) {
				case "optional" -> secondFactor = Realm.SecondFactorPolicy.OPTIONAL;
				case "required" -> secondFactor = Realm.SecondFactorPolicy.REQUIRED;
				default -> realm.error("secondFactor", "expected 'optional' or 'required'");
			}
		}

		Branding branding = BrandingReader.read(realm, folder);

		if (problems.count() > errorsBefore || name.isEmpty() || displayName.isEmpty()) {
			return Optional.empty();
		}
		Realm parsed = new Realm(name.get().value(), displayName.get(), selfRegistration, passwordPolicy, tokens,
				sessions, clients, removedClients, upstreams, secondFactor, branding);
		return Optional.of(new Located<>(parsed, name.get().path(), name.get().line()));
	}

	private static Optional<Located<String>> name(MappingReader realm) {
		if (!realm.has("realm")) {
			realm.required("realm");
			return Optional.empty();
		}
		Optional<Located<String>> name = realm.locatedString("realm");
		if (name.isPresent() && !REALM_NAME.matcher(name.get().value()).matches()) {
			realm.error("realm", "must match ^[a-z][a-z0-9-]{1,39}$ (it becomes the issuer path /realms/{name})");
			return Optional.empty();
		}
		return name;
	}

	/** ASVS 5 (V6.2): at least 8 characters, and long passphrases must fit. */
	private static PasswordPolicySettings passwordPolicy(MappingReader realm) {
		Optional<MappingReader> found = realm.map("passwordPolicy", List.of("minLength", "maxLength"));
		if (found.isEmpty()) {
			return PasswordPolicySettings.DEFAULT;
		}
		MappingReader policy = found.get();
		int minLength = policy.integer("minLength").orElse(PasswordPolicySettings.DEFAULT.minLength());
		int maxLength = policy.integer("maxLength").orElse(PasswordPolicySettings.DEFAULT.maxLength());
		if (minLength < 8) {
			policy.error("minLength", "must be at least 8 (OWASP ASVS 5, V6.2.1); 15 is recommended");
		}
		if (maxLength < 64) {
			policy.error("maxLength", "must be at least 64 so that passphrases fit (OWASP ASVS 5, V6.2.9)");
		}
		else if (maxLength < minLength) {
			policy.error("maxLength", "must not be less than minLength");
		}
		return new PasswordPolicySettings(minLength, maxLength);
	}

	private static SessionSettings sessions(MappingReader realm) {
		Optional<MappingReader> found = realm.map("sessions", List.of("idleTimeout", "absoluteTimeout"));
		if (found.isEmpty()) {
			return SessionSettings.DEFAULT;
		}
		MappingReader sessions = found.get();
		var idle = sessions.duration("idleTimeout").orElse(SessionSettings.DEFAULT.idleTimeout());
		var absolute = sessions.duration("absoluteTimeout").orElse(SessionSettings.DEFAULT.absoluteTimeout());
		if (idle.compareTo(absolute) > 0) {
			sessions.error("idleTimeout", "must not be longer than absoluteTimeout ("
					+ Durations.format(absolute) + ")");
		}
		return new SessionSettings(idle, absolute);
	}

	private static List<UpstreamRegistration> upstreams(MappingReader realm, Problems problems) {
		List<UpstreamRegistration> upstreams = new ArrayList<>();
		Optional<List<Node>> items = realm.list("upstreams");
		if (items.isEmpty()) {
			return upstreams;
		}
		UpstreamReader reader = new UpstreamReader(problems);
		for (int i = 0; i < items.get().size(); i++) {
			reader.read(items.get().get(i), realm.path("upstreams") + "[" + i + "]").ifPresent(upstreams::add);
		}
		return upstreams;
	}

	/**
	 * Clients are deleted from the client store only when named here: a client merely
	 * missing from {@code clients} (a bad merge, a file split) keeps working.
	 */
	private static List<String> removedClients(MappingReader realm, List<ClientRegistration> clients,
			Problems problems) {
		Optional<List<Located<String>>> listed = realm.strings("removedClients");
		List<String> removed = new ArrayList<>();
		for (Located<String> item : listed.orElse(List.of())) {
			String clientId = item.value().strip();
			if (!ClientRegistrationReader.CLIENT_ID.matcher(clientId).matches()) {
				problems.add(item.path(), item.line(), "not a client id; must match ^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$");
			}
			else if (clients.stream().anyMatch((client) -> client.clientId().equals(clientId))) {
				problems.add(item.path(), item.line(),
						"also declared under clients; a client is either kept or removed, not both");
			}
			else if (removed.contains(clientId)) {
				problems.add(item.path(), item.line(), "listed twice");
			}
			else {
				removed.add(clientId);
			}
		}
		return removed;
	}

	private static List<ClientRegistration> clients(MappingReader realm, TokenSettings tokens, Problems problems) {
		List<ClientRegistration> clients = new ArrayList<>();
		Optional<List<Node>> items = realm.list("clients");
		if (items.isEmpty()) {
			return clients;
		}
		ClientRegistrationReader reader = new ClientRegistrationReader(problems, tokens);
		for (int i = 0; i < items.get().size(); i++) {
			reader.read(items.get().get(i), realm.path("clients") + "[" + i + "]").ifPresent(clients::add);
		}
		return clients;
	}

}
