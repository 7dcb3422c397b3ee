package vn.haiphong.hpid.realm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One realm as read from its file: an issuer with its own clients, people, keys and
 * policies. Immutable; the loader has checked every field.
 *
 * @param name the path segment of the issuer ({@code /realms/{name}})
 * @param displayName display name by language tag ({@code vi}, {@code en})
 * @param selfRegistration whether people may create local accounts themselves
 * @param passwordPolicy rules for local account passwords
 * @param tokens default token lifetimes for the realm's clients
 * @param sessions SSO session timeouts
 * @param clients the registered apps
 * @param removedClients ids of clients the file once declared and now removes from the
 * client store ({@code removedClients}); clients are never deleted otherwise
 * @param upstreams the identity providers people may sign in with (VNeID first)
 * @param secondFactor whether local accounts must use a one-time code
 * @param branding the logo and colours of the realm's pages
 */
public record Realm(String name, Map<String, String> displayName, boolean selfRegistration,
		PasswordPolicySettings passwordPolicy, TokenSettings tokens, SessionSettings sessions,
		List<ClientRegistration> clients, List<String> removedClients, List<UpstreamRegistration> upstreams,
		SecondFactorPolicy secondFactor, Branding branding) {

	/** Whether local accounts must confirm their password with a one-time code (RFC 6238). */
	public enum SecondFactorPolicy {

		/** Each person may enrol a second factor; once enrolled, it is always asked. */
		OPTIONAL,

		/** Every local account must use one: it is enrolled at the first sign-in. */
		REQUIRED

	}


	public Realm {
		displayName = Map.copyOf(displayName);
		clients = List.copyOf(clients);
		removedClients = List.copyOf(removedClients);
		upstreams = List.copyOf(upstreams);
	}

	public Optional<UpstreamRegistration> upstream(String alias) {
		return this.upstreams.stream().filter((u) -> u.alias().equals(alias)).findFirst();
	}

	public Optional<ClientRegistration> client(String clientId) {
		for (ClientRegistration client : this.clients) {
			if (client.clientId().equals(clientId)) {
				return Optional.of(client);
			}
		}
		return Optional.empty();
	}

	/** This realm with another list of clients, e.g. the current ones of the client store. */
	public Realm withClients(List<ClientRegistration> current) {
		return new Realm(this.name, this.displayName, this.selfRegistration, this.passwordPolicy, this.tokens,
				this.sessions, current, this.removedClients, this.upstreams, this.secondFactor, this.branding);
	}

	/** The display name in the given language, falling back to Vietnamese. */
	public String displayName(String language) {
		return this.displayName.getOrDefault(language, this.displayName.getOrDefault("vi", this.name));
	}

}
