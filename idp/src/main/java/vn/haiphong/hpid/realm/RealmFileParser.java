package vn.haiphong.hpid.realm;

import java.io.Reader;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import vn.haiphong.hpid.realm.ClientRegistration.ClientAuthMethod;
import vn.haiphong.hpid.realm.ClientRegistration.ClientType;
import vn.haiphong.hpid.realm.ClientRegistration.GrantType;

/**
 * Reads one realm file into a {@link Realm}. It works on the YAML node tree, so every
 * error names its line; it collects every error in the file instead of stopping at the
 * first; unknown fields are errors, so typos cannot silently fall back to a default.
 * Secrets are only ever references ({@code ${env:NAME}}), never values.
 */
public final class RealmFileParser {

	private static final Pattern REALM_NAME = Pattern.compile("^[a-z][a-z0-9-]{1,39}$");

	private static final Pattern CLIENT_ID = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$");

	private static final Pattern SECRET_REFERENCE = Pattern.compile("^\\$\\{env:([A-Z_][A-Z0-9_]*)\\}$");

	private static final Pattern SHORT_DURATION = Pattern.compile("^(\\d{1,6})(s|m|h|d)$");

	private static final Pattern SCOPE = Pattern.compile("^[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}$");

	private final String file;

	private final List<RealmFileError> errors = new ArrayList<>();

	private RealmFileParser(String file) {
		this.file = file;
	}

	/** Parses a realm file; throws {@link RealmFileException} listing every problem. */
	public static Realm parse(String file, Reader content) {
		RealmFileParser parser = new RealmFileParser(file);
		Realm realm = parser.parse(content);
		if (!parser.errors.isEmpty()) {
			throw new RealmFileException(parser.errors);
		}
		return realm;
	}

	private Realm parse(Reader content) {
		Node root;
		try {
			LoaderOptions options = new LoaderOptions();
			options.setAllowDuplicateKeys(false);
			options.setMaxAliasesForCollections(10);
			root = new Yaml(options).compose(content);
		}
		catch (MarkedYAMLException ex) {
			int line = ex.getProblemMark() != null ? ex.getProblemMark().getLine() + 1 : 0;
			error("(file)", line, "not valid YAML: " + ex.getProblem());
			return null;
		}
		catch (YAMLException ex) {
			error("(file)", 0, "not valid YAML: " + ex.getMessage());
			return null;
		}
		if (!(root instanceof MappingNode)) {
			error("(file)", root == null ? 1 : line(root), "expected a mapping with the field 'realm'");
			return null;
		}
		Map<String, Node> fields = fields("", root, Set.of("realm", "displayName", "selfRegistration",
				"passwordPolicy", "tokens", "sessions", "clients"));
		String name = text("realm", fields.get("realm"), root, true);
		if (name != null && !REALM_NAME.matcher(name).matches()) {
			error("realm", line(fields.get("realm")), "must match " + REALM_NAME.pattern());
		}
		Map<String, String> displayName = languages("displayName", fields.get("displayName"), root, true);
		boolean selfRegistration = bool("selfRegistration", fields.get("selfRegistration"), false);
		PasswordPolicySettings passwordPolicy = passwordPolicy(fields.get("passwordPolicy"));
		TokenSettings tokens = tokens("tokens", fields.get("tokens"), TokenSettings.DEFAULT);
		SessionSettings sessions = sessions(fields.get("sessions"));
		List<ClientRegistration> clients = new ArrayList<>();
		Node clientsNode = fields.get("clients");
		if (clientsNode != null) {
			if (clientsNode instanceof SequenceNode sequence) {
				Set<String> seen = new LinkedHashSet<>();
				for (int i = 0; i < sequence.getValue().size(); i++) {
					String path = "clients[" + i + "]";
					ClientRegistration client = client(path, sequence.getValue().get(i), tokens);
					if (client != null && !seen.add(client.clientId())) {
						error(path + ".clientId", line(sequence.getValue().get(i)),
								"duplicate clientId '" + client.clientId() + "'");
					}
					if (client != null) {
						clients.add(client);
					}
				}
			}
			else {
				error("clients", line(clientsNode), "expected a list");
			}
		}
		if (!this.errors.isEmpty()) {
			return null;
		}
		return new Realm(name, displayName, selfRegistration, passwordPolicy, tokens, sessions, clients);
	}

	private ClientRegistration client(String path, Node node, TokenSettings realmTokens) {
		if (!(node instanceof MappingNode)) {
			error(path, line(node), "expected a mapping");
			return null;
		}
		int before = this.errors.size();
		Map<String, Node> f = fields(path + ".", node,
				Set.of("clientId", "displayName", "type", "secret", "authenticationMethods", "jwksUri",
						"redirectUris", "postLogoutRedirectUris", "grantTypes", "scopes", "requireConsent", "tokens",
						"demo"));
		String clientId = text(path + ".clientId", f.get("clientId"), node, true);
		if (clientId != null && !CLIENT_ID.matcher(clientId).matches()) {
			error(path + ".clientId", line(f.get("clientId")), "must match " + CLIENT_ID.pattern());
		}
		Map<String, String> displayName = languages(path + ".displayName", f.get("displayName"), node, false);
		String typeText = text(path + ".type", f.get("type"), node, true);
		ClientType type = null;
		if (typeText != null) {
			switch (typeText) {
				case "confidential" -> type = ClientType.CONFIDENTIAL;
				case "public" -> type = ClientType.PUBLIC;
				default -> error(path + ".type", line(f.get("type")), "expected 'confidential' or 'public'");
			}
		}
		Optional<String> secretReference = Optional.empty();
		String secret = text(path + ".secret", f.get("secret"), node, false);
		if (secret != null) {
			Matcher matcher = SECRET_REFERENCE.matcher(secret);
			if (matcher.matches()) {
				secretReference = Optional.of(matcher.group(1));
			}
			else {
				error(path + ".secret", line(f.get("secret")),
						"secrets must be references to environment variables, e.g. ${env:PORTAL_CLIENT_SECRET}, "
								+ "never literals");
			}
		}
		Set<ClientAuthMethod> methods = EnumSet.noneOf(ClientAuthMethod.class);
		List<String> methodNames = list(path + ".authenticationMethods", f.get("authenticationMethods"));
		for (int i = 0; i < methodNames.size(); i++) {
			String item = methodNames.get(i);
			Optional<ClientAuthMethod> method = ClientAuthMethod.parse(item);
			if (method.isEmpty()) {
				error(path + ".authenticationMethods[" + i + "]", itemLine(f.get("authenticationMethods"), i),
						"unknown method '" + item + "'; expected client_secret_basic, client_secret_post, "
								+ "private_key_jwt or none");
			}
			method.ifPresent(methods::add);
		}
		if (methodNames.isEmpty() && type != null) {
			methods = type == ClientType.PUBLIC ? EnumSet.of(ClientAuthMethod.NONE)
					: secretReference.isPresent()
							? EnumSet.of(ClientAuthMethod.CLIENT_SECRET_BASIC, ClientAuthMethod.CLIENT_SECRET_POST)
							: EnumSet.noneOf(ClientAuthMethod.class);
		}
		Optional<URI> jwksUri = Optional.ofNullable(text(path + ".jwksUri", f.get("jwksUri"), node, false))
			.map((value) -> uri(path + ".jwksUri", line(f.get("jwksUri")), value, false));
		if (type == ClientType.PUBLIC) {
			if (secretReference.isPresent()) {
				error(path + ".secret", line(f.get("secret")), "a public client has no secret");
			}
			if (!methods.equals(EnumSet.of(ClientAuthMethod.NONE))) {
				error(path + ".authenticationMethods", lineOr(f.get("authenticationMethods"), node),
						"a public client can only use 'none' (it proves itself with PKCE)");
			}
		}
		if (type == ClientType.CONFIDENTIAL) {
			if (methods.contains(ClientAuthMethod.NONE)) {
				error(path + ".authenticationMethods", lineOr(f.get("authenticationMethods"), node),
						"a confidential client cannot use 'none'");
			}
			if (methods.isEmpty()) {
				error(path + ".authenticationMethods", lineOr(f.get("authenticationMethods"), node),
						"a confidential client needs a secret or private_key_jwt");
			}
			if ((methods.contains(ClientAuthMethod.CLIENT_SECRET_BASIC)
					|| methods.contains(ClientAuthMethod.CLIENT_SECRET_POST)) && secretReference.isEmpty()) {
				error(path + ".secret", line(node), "required for client_secret_basic and client_secret_post");
			}
		}
		if (methods.contains(ClientAuthMethod.PRIVATE_KEY_JWT) && jwksUri.isEmpty()) {
			error(path + ".jwksUri", line(node), "required for private_key_jwt");
		}
		Set<GrantType> grants = EnumSet.noneOf(GrantType.class);
		List<String> grantNames = list(path + ".grantTypes", f.get("grantTypes"));
		for (int i = 0; i < grantNames.size(); i++) {
			String item = grantNames.get(i);
			String itemPath = path + ".grantTypes[" + i + "]";
			int itemLine = itemLine(f.get("grantTypes"), i);
			switch (item) {
				case "password" -> error(itemPath, itemLine, "the password grant is not supported (RFC 9700 §2.4)");
				case "implicit" -> error(itemPath, itemLine, "the implicit grant is not supported (RFC 9700 §2.1.2)");
				default -> GrantType.parse(item).ifPresentOrElse(grants::add, () -> error(itemPath, itemLine,
						"unknown grant '" + item + "'; expected authorization_code, refresh_token or client_credentials"));
			}
		}
		if (f.get("grantTypes") == null) {
			grants = EnumSet.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN);
		}
		if (grants.contains(GrantType.CLIENT_CREDENTIALS) && type == ClientType.PUBLIC) {
			error(path + ".grantTypes", lineOr(f.get("grantTypes"), node),
					"client_credentials needs a confidential client");
		}
		List<String> redirectUris = uris(path + ".redirectUris", f.get("redirectUris"));
		List<String> postLogout = uris(path + ".postLogoutRedirectUris", f.get("postLogoutRedirectUris"));
		if (grants.contains(GrantType.AUTHORIZATION_CODE) && redirectUris.isEmpty()) {
			error(path + ".redirectUris", lineOr(f.get("redirectUris"), node),
					"at least one redirect URI is needed for authorization_code");
		}
		Set<String> scopes = new LinkedHashSet<>();
		if (f.get("scopes") == null) {
			scopes.addAll(List.of("openid", "profile"));
		}
		List<String> scopeNames = list(path + ".scopes", f.get("scopes"));
		for (int i = 0; i < scopeNames.size(); i++) {
			if (!SCOPE.matcher(scopeNames.get(i)).matches()) {
				error(path + ".scopes[" + i + "]", itemLine(f.get("scopes"), i), "not a valid scope token");
			}
			scopes.add(scopeNames.get(i));
		}
		boolean requireConsent = bool(path + ".requireConsent", f.get("requireConsent"), false);
		TokenSettings tokens = tokens(path + ".tokens", f.get("tokens"), realmTokens);
		boolean demo = bool(path + ".demo", f.get("demo"), false);
		if (this.errors.size() > before) {
			return null;
		}
		return new ClientRegistration(clientId, displayName.isEmpty() ? Map.of("vi", clientId) : displayName, type,
				secretReference, methods, jwksUri, redirectUris, postLogout, grants, scopes, requireConsent, tokens,
				demo);
	}

	private PasswordPolicySettings passwordPolicy(Node node) {
		if (node == null) {
			return PasswordPolicySettings.DEFAULT;
		}
		Map<String, Node> f = fields("passwordPolicy.", node, Set.of("minLength", "maxLength"));
		int min = integer("passwordPolicy.minLength", f.get("minLength"), PasswordPolicySettings.DEFAULT.minLength());
		int max = integer("passwordPolicy.maxLength", f.get("maxLength"), PasswordPolicySettings.DEFAULT.maxLength());
		if (min < 8) {
			error("passwordPolicy.minLength", line(f.get("minLength")), "must be at least 8 (OWASP ASVS 5)");
		}
		if (max < 64 || max < min) {
			error("passwordPolicy.maxLength", lineOr(f.get("maxLength"), node),
					"must be at least 64 and not below minLength");
		}
		return new PasswordPolicySettings(min, max);
	}

	private TokenSettings tokens(String path, Node node, TokenSettings defaults) {
		if (node == null) {
			return defaults;
		}
		Map<String, Node> f = fields(path + ".", node, Set.of("authorizationCodeLifetime", "accessTokenLifetime",
				"idTokenLifetime", "refreshTokenLifetime"));
		return new TokenSettings(
				duration(path + ".authorizationCodeLifetime", f.get("authorizationCodeLifetime"),
						defaults.authorizationCodeLifetime(), Duration.ofSeconds(1), Duration.ofMinutes(10)),
				duration(path + ".accessTokenLifetime", f.get("accessTokenLifetime"), defaults.accessTokenLifetime(),
						Duration.ofMinutes(1), Duration.ofHours(1)),
				duration(path + ".idTokenLifetime", f.get("idTokenLifetime"), defaults.idTokenLifetime(),
						Duration.ofMinutes(1), Duration.ofHours(1)),
				duration(path + ".refreshTokenLifetime", f.get("refreshTokenLifetime"),
						defaults.refreshTokenLifetime(), Duration.ofMinutes(1), Duration.ofDays(365)));
	}

	private SessionSettings sessions(Node node) {
		if (node == null) {
			return SessionSettings.DEFAULT;
		}
		Map<String, Node> f = fields("sessions.", node, Set.of("idleTimeout", "absoluteTimeout"));
		Duration idle = duration("sessions.idleTimeout", f.get("idleTimeout"), SessionSettings.DEFAULT.idleTimeout(),
				Duration.ofMinutes(1), Duration.ofDays(30));
		Duration absolute = duration("sessions.absoluteTimeout", f.get("absoluteTimeout"),
				SessionSettings.DEFAULT.absoluteTimeout(), Duration.ofMinutes(1), Duration.ofDays(90));
		if (idle.compareTo(absolute) > 0) {
			error("sessions.idleTimeout", lineOr(f.get("idleTimeout"), node), "must not exceed absoluteTimeout");
		}
		return new SessionSettings(idle, absolute);
	}

	private List<String> uris(String path, Node node) {
		List<String> values = list(path, node);
		for (int i = 0; i < values.size(); i++) {
			uri(path + "[" + i + "]", itemLine(node, i), values.get(i), true);
		}
		return values;
	}

	private URI uri(String path, int line, String value, boolean redirect) {
		if (value.contains("*")) {
			error(path, line, "wildcards are not allowed: redirect URIs are matched exactly");
			return null;
		}
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (Exception ex) {
			error(path, line, "not a valid URI");
			return null;
		}
		if (!uri.isAbsolute() || uri.getHost() == null) {
			error(path, line, "must be an absolute URI with a host");
			return null;
		}
		if (uri.getRawFragment() != null) {
			error(path, line, "must not have a fragment");
		}
		String host = uri.getHost();
		boolean local = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
		if ("http".equals(uri.getScheme()) && !local) {
			error(path, line, "http is allowed only for localhost; use https");
		}
		else if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
			error(path, line, "must use https (or http on localhost)");
		}
		return uri;
	}

	private Map<String, Node> fields(String prefix, Node node, Set<String> allowed) {
		Map<String, Node> fields = new LinkedHashMap<>();
		if (!(node instanceof MappingNode mapping)) {
			error(prefix.isEmpty() ? "(file)" : prefix.substring(0, prefix.length() - 1), line(node),
					"expected a mapping");
			return fields;
		}
		for (NodeTuple tuple : mapping.getValue()) {
			String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
			if (!allowed.contains(key)) {
				error(prefix + key, line(tuple.getKeyNode()),
						"unknown field; expected one of " + String.join(", ", allowed.stream().sorted().toList()));
			}
			else {
				fields.put(key, tuple.getValueNode());
			}
		}
		return fields;
	}

	private String text(String path, Node node, Node parent, boolean required) {
		if (node == null) {
			if (required) {
				error(path, line(parent), "required");
			}
			return null;
		}
		if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
			error(path, line(node), "expected a text value");
			return null;
		}
		return scalar.getValue();
	}

	private Map<String, String> languages(String path, Node node, Node parent, boolean required) {
		Map<String, String> values = new LinkedHashMap<>();
		if (node == null) {
			if (required) {
				error(path, line(parent), "required (with at least 'vi')");
			}
			return values;
		}
		Map<String, Node> f = fields(path + ".", node, Set.of("vi", "en"));
		for (var entry : f.entrySet()) {
			String value = text(path + "." + entry.getKey(), entry.getValue(), node, true);
			if (value != null) {
				values.put(entry.getKey(), value);
			}
		}
		if (!values.containsKey("vi") && node instanceof MappingNode) {
			error(path + ".vi", line(node), "required");
		}
		return values;
	}

	private boolean bool(String path, Node node, boolean fallback) {
		if (node == null) {
			return fallback;
		}
		if (node instanceof ScalarNode scalar && ("true".equals(scalar.getValue()) || "false".equals(scalar.getValue()))) {
			return Boolean.parseBoolean(scalar.getValue());
		}
		error(path, line(node), "expected true or false");
		return fallback;
	}

	private int integer(String path, Node node, int fallback) {
		if (node == null) {
			return fallback;
		}
		if (node instanceof ScalarNode scalar && scalar.getValue().matches("\\d{1,6}")) {
			return Integer.parseInt(scalar.getValue());
		}
		error(path, line(node), "expected a whole number");
		return fallback;
	}

	private Duration duration(String path, Node node, Duration fallback, Duration min, Duration max) {
		if (node == null) {
			return fallback;
		}
		Duration value = null;
		if (node instanceof ScalarNode scalar) {
			Matcher matcher = SHORT_DURATION.matcher(scalar.getValue());
			if (matcher.matches()) {
				long amount = Long.parseLong(matcher.group(1));
				Function<Long, Duration> unit = switch (matcher.group(2)) {
					case "s" -> Duration::ofSeconds;
					case "m" -> Duration::ofMinutes;
					case "h" -> Duration::ofHours;
					default -> Duration::ofDays;
				};
				value = unit.apply(amount);
			}
			else {
				try {
					value = Duration.parse(scalar.getValue());
				}
				catch (DateTimeParseException ex) {
					value = null;
				}
			}
		}
		if (value == null) {
			error(path, line(node), "expected a duration such as 60s, 5m, 8h or 30d");
			return fallback;
		}
		if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
			error(path, line(node), "must be between " + min + " and " + max);
			return fallback;
		}
		return value;
	}

	private List<String> list(String path, Node node) {
		List<String> values = new ArrayList<>();
		if (node == null) {
			return values;
		}
		if (!(node instanceof SequenceNode sequence)) {
			error(path, line(node), "expected a list");
			return values;
		}
		for (int i = 0; i < sequence.getValue().size(); i++) {
			Node item = sequence.getValue().get(i);
			if (item instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
				values.add(scalar.getValue());
			}
			else {
				error(path + "[" + i + "]", line(item), "expected a text value");
			}
		}
		return values;
	}

	private static int itemLine(Node list, int index) {
		if (list instanceof SequenceNode sequence && index < sequence.getValue().size()) {
			return line(sequence.getValue().get(index));
		}
		return line(list);
	}

	private static int lineOr(Node node, Node parent) {
		return node != null ? line(node) : line(parent);
	}

	private static int line(Node node) {
		return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
	}

	private void error(String path, int line, String reason) {
		this.errors.add(new RealmFileError(this.file, path, line, reason));
	}

}
