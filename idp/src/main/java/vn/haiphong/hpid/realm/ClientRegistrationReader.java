package vn.haiphong.hpid.realm;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Node;

import vn.haiphong.hpid.realm.ClientRegistration.ClientAuthMethod;
import vn.haiphong.hpid.realm.ClientRegistration.ClientType;
import vn.haiphong.hpid.realm.ClientRegistration.GrantType;
import vn.haiphong.hpid.spi.LevelOfAssurance;

/**
 * Reads one entry of a realm's {@code clients} list and checks the rules that tie its
 * fields together: who may hold a secret, which grants fit which client type, and
 * which redirect URIs may be registered.
 */
final class ClientRegistrationReader {

	static final List<String> FIELDS = List.of("clientId", "displayName", "type", "secret",
			"authenticationMethods", "jwksUri", "redirectUris", "postLogoutRedirectUris", "backchannelLogoutUri",
			"webOrigins", "grantTypes", "scopes", "requireConsent", "tokens", "demo", "minimumAcr", "subjectType", "sector");

	/** The fields of a client made through the admin API: hpid generates its secret. */
	static final List<String> GENERATED_SECRET_FIELDS = FIELDS.stream()
		.filter((field) -> !List.of("secret", "tokens", "demo").contains(field))
		.toList();

	static final Pattern CLIENT_ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}");

	private static final Pattern SECRET_REFERENCE = Pattern.compile("\\$\\{env:([A-Z_][A-Z0-9_]*)}");

	// scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), RFC 6749 §3.3
	private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

	private static final Set<ClientAuthMethod> SECRET_METHODS = EnumSet.of(ClientAuthMethod.CLIENT_SECRET_BASIC,
			ClientAuthMethod.CLIENT_SECRET_POST);

	private final Problems problems;

	private final TokenSettings realmTokens;

	private final ClientDefinitions.SecretSource secretSource;

	// clientId -> path of the client that declared it first, to refuse duplicates
	private final Map<String, String> seenClientIds = new HashMap<>();

	ClientRegistrationReader(Problems problems, TokenSettings realmTokens) {
		this(problems, realmTokens, ClientDefinitions.SecretSource.ENVIRONMENT);
	}

	ClientRegistrationReader(Problems problems, TokenSettings realmTokens, ClientDefinitions.SecretSource secretSource) {
		this.problems = problems;
		this.realmTokens = realmTokens;
		this.secretSource = secretSource;
	}

	/** The client, or empty when anything about it is wrong (the errors are reported). */
	Optional<ClientRegistration> read(Node node, String path) {
		int errorsBefore = this.problems.count();
		Optional<MappingReader> found = MappingReader.read(node, path, this.problems,
				(this.secretSource == ClientDefinitions.SecretSource.GENERATED) ? GENERATED_SECRET_FIELDS : FIELDS);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		MappingReader client = found.get();

		Optional<Located<String>> clientId = clientId(client, path);
		Optional<ClientType> type = type(client);
		Map<String, String> displayName = DisplayNames.read(client, "displayName")
			.orElseGet(() -> Map.of("vi", clientId.map(Located::value).orElse("")));
		Set<ClientAuthMethod> methods = authenticationMethods(client, type);
		Optional<String> secretReference = secretReference(client, type, methods);
		Optional<URI> jwksUri = jwksUri(client, methods);
		Set<GrantType> grantTypes = grantTypes(client, type);
		Optional<List<Located<String>>> listedRedirectUris = client.strings("redirectUris");
		List<String> redirectUris = redirectUris(listedRedirectUris);
		List<String> postLogoutRedirectUris = redirectUris(client.strings("postLogoutRedirectUris"));
		checkRedirectUrisMatchGrants(client, grantTypes, listedRedirectUris);
		Optional<URI> backchannelLogoutUri = backchannelLogoutUri(client);
		List<String> webOrigins = webOrigins(client.strings("webOrigins"));
		Set<String> scopes = scopes(client);
		boolean requireConsent = client.bool("requireConsent").orElse(false);
		TokenSettings tokens = TokenSettingsReader.read(client, "tokens", this.realmTokens);
		boolean demo = client.bool("demo").orElse(false);
		Optional<LevelOfAssurance> minimumLevel = client.string("minimumAcr").flatMap((acr) -> {
			Optional<LevelOfAssurance> level = LevelOfAssurance.fromAcr(acr.strip());
			if (level.isEmpty()) {
				client.error("minimumAcr", "expected one of " + LevelOfAssurance.LOW.acr() + ", "
						+ LevelOfAssurance.HIGH.acr());
			}
			return level;
		});
		Optional<String> pairwiseSector = PairwiseSectors.read(client, grantTypes, redirectUris);

		if (this.problems.count() > errorsBefore || clientId.isEmpty() || type.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new ClientRegistration(clientId.get().value(), displayName, type.get(),
				secretReference, methods, jwksUri, redirectUris, postLogoutRedirectUris, backchannelLogoutUri,
				webOrigins, grantTypes, scopes, requireConsent, tokens, demo, minimumLevel, pairwiseSector));
	}

	private Optional<Located<String>> clientId(MappingReader client, String path) {
		if (!client.has("clientId")) {
			client.required("clientId");
			return Optional.empty();
		}
		Optional<Located<String>> clientId = client.locatedString("clientId");
		if (clientId.isEmpty()) {
			return clientId;
		}
		if (!CLIENT_ID.matcher(clientId.get().value()).matches()) {
			client.error("clientId", "must match ^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$");
			return Optional.empty();
		}
		String first = this.seenClientIds.putIfAbsent(clientId.get().value(), path);
		if (first != null) {
			client.error("clientId", "duplicate clientId; already used by " + first);
		}
		return clientId;
	}

	private Optional<ClientType> type(MappingReader client) {
		if (!client.has("type")) {
			client.required("type");
			return Optional.empty();
		}
		Optional<String> text = client.string("type");
		if (text.isEmpty()) {
			return Optional.empty();
		}
		switch (text.get()) {
			case "confidential":
				return Optional.of(ClientType.CONFIDENTIAL);
			case "public":
				return Optional.of(ClientType.PUBLIC);
			default:
				client.error("type", "expected confidential or public");
				return Optional.empty();
		}
	}

	/**
	 * Public clients cannot keep a credential, so they authenticate with {@code none}
	 * (and PKCE); confidential clients must really authenticate.
	 */
	private Set<ClientAuthMethod> authenticationMethods(MappingReader client, Optional<ClientType> type) {
		Optional<List<Located<String>>> listed = client.strings("authenticationMethods");
		if (listed.isEmpty()) {
			return type.map(ClientRegistrationReader::defaultAuthenticationMethods)
				.orElse(EnumSet.noneOf(ClientAuthMethod.class));
		}
		if (listed.get().isEmpty()) {
			client.error("authenticationMethods", "must not be empty");
		}
		Set<ClientAuthMethod> methods = EnumSet.noneOf(ClientAuthMethod.class);
		for (Located<String> item : listed.get()) {
			Optional<ClientAuthMethod> method = ClientAuthMethod.parse(item.value());
			if (method.isEmpty()) {
				this.problems.add(item.path(), item.line(),
						"unknown authentication method; expected one of client_secret_basic, client_secret_post, "
								+ "private_key_jwt, none");
			}
			else if (type.isPresent() && type.get() == ClientType.PUBLIC && method.get() != ClientAuthMethod.NONE) {
				this.problems.add(item.path(), item.line(),
						"public clients cannot keep credentials; their only method is none");
			}
			else if (type.isPresent() && type.get() == ClientType.CONFIDENTIAL
					&& method.get() == ClientAuthMethod.NONE) {
				this.problems.add(item.path(), item.line(),
						"confidential clients must authenticate; none is only for public clients");
			}
			else {
				methods.add(method.get());
			}
		}
		return methods;
	}

	private static Set<ClientAuthMethod> defaultAuthenticationMethods(ClientType type) {
		return (type == ClientType.PUBLIC) ? EnumSet.of(ClientAuthMethod.NONE)
				: EnumSet.of(ClientAuthMethod.CLIENT_SECRET_BASIC, ClientAuthMethod.CLIENT_SECRET_POST);
	}

	/**
	 * Secrets live in the environment (or a secret store feeding it), never in realm
	 * files, which are kept in git. Only the variable name is recorded here.
	 */
	private Optional<String> secretReference(MappingReader client, Optional<ClientType> type,
			Set<ClientAuthMethod> methods) {
		boolean needsSecret = methods.stream().anyMatch(SECRET_METHODS::contains);
		if (this.secretSource == ClientDefinitions.SecretSource.GENERATED) {
			return Optional.empty(); // hpid generates it; a "secret" field is refused as unknown
		}
		if (!client.has("secret")) {
			if (needsSecret) {
				this.problems.add(client.path("secret"), client.line(),
						"required when client_secret_basic or client_secret_post is used; "
								+ "write it as a reference such as ${env:PORTAL_CLIENT_SECRET}");
			}
			return Optional.empty();
		}
		Optional<String> text = client.string("secret");
		if (text.isEmpty()) {
			return Optional.empty();
		}
		Matcher reference = SECRET_REFERENCE.matcher(text.get().strip());
		if (!reference.matches()) {
			client.error("secret", "secrets must be references to environment variables, "
					+ "e.g. ${env:PORTAL_CLIENT_SECRET}, never literals");
			return Optional.empty();
		}
		if (type.isPresent() && type.get() == ClientType.PUBLIC) {
			client.error("secret", "public clients have no secret; remove it or make the client confidential");
			return Optional.empty();
		}
		if (type.isPresent() && !needsSecret) {
			client.error("secret", "no client_secret_* authentication method is used, so the secret would be ignored");
			return Optional.empty();
		}
		return Optional.of(reference.group(1));
	}

	private Optional<URI> jwksUri(MappingReader client, Set<ClientAuthMethod> methods) {
		boolean needsKeys = methods.contains(ClientAuthMethod.PRIVATE_KEY_JWT);
		if (!client.has("jwksUri")) {
			if (needsKeys) {
				this.problems.add(client.path("jwksUri"), client.line(), "required when private_key_jwt is used");
			}
			return Optional.empty();
		}
		Optional<String> text = client.string("jwksUri");
		if (text.isEmpty()) {
			return Optional.empty();
		}
		Optional<String> problem = RedirectUriRules.checkJwksUri(text.get());
		if (problem.isPresent()) {
			client.error("jwksUri", problem.get());
			return Optional.empty();
		}
		if (!needsKeys) {
			client.error("jwksUri", "only used with the private_key_jwt authentication method");
			return Optional.empty();
		}
		return Optional.of(URI.create(text.get()));
	}

	/** Where hpid posts logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.2). */
	private Optional<URI> backchannelLogoutUri(MappingReader client) {
		Optional<String> text = client.has("backchannelLogoutUri") ? client.string("backchannelLogoutUri")
				: Optional.empty();
		if (text.isEmpty()) {
			return Optional.empty();
		}
		Optional<String> problem = RedirectUriRules.checkJwksUri(text.get());
		if (problem.isPresent()) {
			client.error("backchannelLogoutUri", problem.get());
			return Optional.empty();
		}
		return Optional.of(URI.create(text.get()));
	}

	private Set<GrantType> grantTypes(MappingReader client, Optional<ClientType> type) {
		Optional<List<Located<String>>> listed = client.strings("grantTypes");
		if (listed.isEmpty()) {
			return EnumSet.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN);
		}
		if (listed.get().isEmpty()) {
			client.error("grantTypes", "must not be empty");
		}
		Set<GrantType> grants = EnumSet.noneOf(GrantType.class);
		for (Located<String> item : listed.get()) {
			Optional<GrantType> grant = GrantType.parse(item.value());
			if (grant.isPresent()) {
				grants.add(grant.get());
			}
			else {
				this.problems.add(item.path(), item.line(), unsupportedGrant(item.value()));
			}
			// Without a client secret or key there is nobody to issue the token to.
			if (grant.isPresent() && grant.get() == GrantType.CLIENT_CREDENTIALS && type.isPresent()
					&& type.get() == ClientType.PUBLIC) {
				this.problems.add(item.path(), item.line(), "client_credentials requires a confidential client");
			}
		}
		if (grants.contains(GrantType.REFRESH_TOKEN) && !grants.contains(GrantType.AUTHORIZATION_CODE)) {
			client.error("grantTypes", "refresh_token is only issued with authorization_code");
		}
		return grants;
	}

	private static String unsupportedGrant(String value) {
		return switch (value) {
			case "password" -> "the password grant is not supported (RFC 9700 §2.4)";
			case "implicit" -> "the implicit grant is not supported (RFC 9700 §2.1.2)";
			default -> "unknown grant type; expected one of authorization_code, refresh_token, client_credentials";
		};
	}

	private List<String> redirectUris(Optional<List<Located<String>>> listed) {
		List<String> uris = new ArrayList<>();
		for (Located<String> item : listed.orElse(List.of())) {
			Optional<String> problem = RedirectUriRules.checkRedirectUri(item.value());
			if (problem.isPresent()) {
				this.problems.add(item.path(), item.line(), problem.get());
			}
			else if (uris.contains(item.value())) {
				this.problems.add(item.path(), item.line(), "listed twice");
			}
			else {
				uris.add(item.value());
			}
		}
		return uris;
	}

	/** Each origin as browsers send it, so the {@code Origin} header is compared as a string. */
	private List<String> webOrigins(Optional<List<Located<String>>> listed) {
		List<String> origins = new ArrayList<>();
		for (Located<String> item : listed.orElse(List.of())) {
			Optional<String> problem = RedirectUriRules.checkOrigin(item.value());
			if (problem.isPresent()) {
				this.problems.add(item.path(), item.line(), problem.get());
				continue;
			}
			String origin = RedirectUriRules.normaliseOrigin(item.value());
			if (origins.contains(origin)) {
				this.problems.add(item.path(), item.line(),
						origin.equals(item.value()) ? "listed twice" : "listed twice (as " + origin + ")");
			}
			else {
				origins.add(origin);
			}
		}
		return origins;
	}

	private void checkRedirectUrisMatchGrants(MappingReader client, Set<GrantType> grants,
			Optional<List<Located<String>>> redirectUris) {
		if (client.has("redirectUris") && redirectUris.isEmpty()) {
			return; // not a list: already reported
		}
		boolean redirects = grants.contains(GrantType.AUTHORIZATION_CODE);
		boolean listed = redirectUris.map(list -> !list.isEmpty()).orElse(false);
		if (redirects && !listed) {
			this.problems.add(client.path("redirectUris"), client.line("redirectUris"),
					"at least one redirect URI is required with authorization_code");
		}
		// With no valid grant at all, the grant errors already say what to fix.
		if (!redirects && listed && !grants.isEmpty()) {
			client.error("redirectUris", "only used with authorization_code");
		}
	}

	private Set<String> scopes(MappingReader client) {
		Optional<List<Located<String>>> listed = client.strings("scopes");
		if (listed.isEmpty()) {
			return Set.of("openid", "profile");
		}
		Set<String> scopes = new LinkedHashSet<>();
		for (Located<String> item : listed.get()) {
			if (!SCOPE_TOKEN.matcher(item.value()).matches()) {
				this.problems.add(item.path(), item.line(),
						"not a valid scope token (RFC 6749 §3.3): no spaces, quotes or backslashes");
			}
			else {
				scopes.add(item.value());
			}
		}
		return scopes;
	}

}
