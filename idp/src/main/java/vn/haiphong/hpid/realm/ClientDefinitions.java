package vn.haiphong.hpid.realm;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

import vn.haiphong.hpid.realm.ClientRegistration.ClientAuthMethod;
import vn.haiphong.hpid.realm.ClientRegistration.ClientType;
import vn.haiphong.hpid.realm.ClientRegistration.GrantType;

/**
 * A client definition outside a realm file: the same fields, checked by the same reader,
 * for clients kept in the client store and clients sent to the admin API. One set of
 * rules decides what a valid client is, wherever it comes from.
 */
public final class ClientDefinitions {

	/** Where a confidential client's secret comes from. */
	public enum SecretSource {

		/** A realm file names an environment variable: {@code secret: ${env:NAME}}. */
		ENVIRONMENT,

		/** hpid generates it (admin API); the definition has no {@code secret} field. */
		GENERATED

	}

	/**
	 * A definition read: the client, or what is wrong with it.
	 * @param client present when the definition is valid
	 * @param errors field paths relative to the client ({@code redirectUris[0]}) with reasons
	 */
	public record Parsed(Optional<ClientRegistration> client, List<RealmFileError> errors) {

		public Parsed {
			errors = List.copyOf(errors);
		}

	}

	private ClientDefinitions() {
	}

	/** Reads a definition given as plain values (maps, lists, strings, booleans), e.g. parsed JSON. */
	public static Parsed read(Map<String, ?> definition, TokenSettings realmTokens, SecretSource source) {
		Node node = new Yaml(new DumperOptions()).represent(definition);
		return read(node, realmTokens, source);
	}

	/** Reads a definition stored as JSON (or YAML) text by {@link #write}. */
	public static Parsed read(String text, TokenSettings realmTokens, SecretSource source) {
		Node node;
		try {
			node = new Yaml(new LoaderOptions()).compose(new StringReader(text));
		}
		catch (YAMLException ex) {
			return new Parsed(Optional.empty(),
					List.of(new RealmFileError("", RealmFileError.ROOT, 0, "not a readable client definition")));
		}
		return read(node, realmTokens, source);
	}

	private static Parsed read(Node node, TokenSettings realmTokens, SecretSource source) {
		Problems problems = new Problems("");
		Optional<ClientRegistration> client = new ClientRegistrationReader(problems, realmTokens, source).read(node,
				"");
		return new Parsed(problems.count() == 0 ? client : Optional.empty(), problems.errors());
	}

	/**
	 * The client as a definition {@link #read} accepts, in a canonical form: fields in a
	 * fixed order, sets sorted, token lifetimes only where they differ from the realm's.
	 * Equal clients give equal definitions, so comparing definitions tells whether a
	 * realm file changed a client.
	 */
	public static Map<String, Object> write(ClientRegistration client, TokenSettings realmTokens) {
		Map<String, Object> definition = new LinkedHashMap<>();
		definition.put("clientId", client.clientId());
		Map<String, String> names = new LinkedHashMap<>();
		for (String language : List.of("vi", "en")) {
			if (client.displayName().containsKey(language)) {
				names.put(language, client.displayName().get(language));
			}
		}
		definition.put("displayName", names);
		definition.put("type", client.type() == ClientType.PUBLIC ? "public" : "confidential");
		client.secretReference().ifPresent((variable) -> definition.put("secret", "${env:" + variable + "}"));
		List<String> methods = new ArrayList<>();
		for (ClientAuthMethod method : ClientAuthMethod.values()) {
			if (client.authenticationMethods().contains(method)) {
				methods.add(method.value());
			}
		}
		definition.put("authenticationMethods", methods);
		client.jwksUri().ifPresent((uri) -> definition.put("jwksUri", uri.toString()));
		definition.put("redirectUris", client.redirectUris());
		definition.put("postLogoutRedirectUris", client.postLogoutRedirectUris());
		client.backchannelLogoutUri().ifPresent((uri) -> definition.put("backchannelLogoutUri", uri.toString()));
		// Only when listed: the definitions stored before web origins existed stay equal,
		// so applying the same realm files changes no client's version.
		if (!client.webOrigins().isEmpty()) {
			definition.put("webOrigins", client.webOrigins());
		}
		List<String> grants = new ArrayList<>();
		for (GrantType grant : GrantType.values()) {
			if (client.grantTypes().contains(grant)) {
				grants.add(grant.value());
			}
		}
		definition.put("grantTypes", grants);
		definition.put("scopes", client.scopes().stream().sorted().toList());
		definition.put("requireConsent", client.requireConsent());
		Map<String, String> tokens = tokenOverrides(client.tokens(), realmTokens);
		if (!tokens.isEmpty()) {
			definition.put("tokens", tokens);
		}
		if (client.demo()) {
			definition.put("demo", true);
		}
		client.minimumLevel().ifPresent((level) -> definition.put("minimumAcr", level.acr()));
		// Written out even when the file derived the sector from the redirect URIs: reading
		// the definition back must give the same subjects.
		client.pairwiseSector().ifPresent((sector) -> {
			definition.put("subjectType", "pairwise");
			definition.put("sector", sector);
		});
		return definition;
	}

	private static Map<String, String> tokenOverrides(TokenSettings client, TokenSettings realm) {
		Map<String, String> overrides = new LinkedHashMap<>();
		if (!client.authorizationCodeLifetime().equals(realm.authorizationCodeLifetime())) {
			overrides.put("authorizationCodeLifetime", Durations.format(client.authorizationCodeLifetime()));
		}
		if (!client.accessTokenLifetime().equals(realm.accessTokenLifetime())) {
			overrides.put("accessTokenLifetime", Durations.format(client.accessTokenLifetime()));
		}
		if (!client.idTokenLifetime().equals(realm.idTokenLifetime())) {
			overrides.put("idTokenLifetime", Durations.format(client.idTokenLifetime()));
		}
		if (!client.refreshTokenLifetime().equals(realm.refreshTokenLifetime())) {
			overrides.put("refreshTokenLifetime", Durations.format(client.refreshTokenLifetime()));
		}
		return overrides;
	}

}
