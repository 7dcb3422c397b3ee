package vn.haiphong.hpid.oidc;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import vn.haiphong.hpid.realm.ClientRegistration;
import vn.haiphong.hpid.realm.ClientRegistration.ClientAuthMethod;
import vn.haiphong.hpid.realm.ClientRegistration.ClientType;
import vn.haiphong.hpid.realm.ClientRegistration.GrantType;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.clients.ClientCatalog;

/**
 * The registered clients of every realm, as the Spring authorization server sees them:
 * built from the in-memory {@link ClientCatalog}, so a lookup never touches the
 * database. A client id is looked up in the realm of the request, so two realms may use
 * the same id. A disabled client is not found: the token endpoint answers
 * {@code invalid_client}, the authorization endpoint a page (see
 * {@link AuthorizationResponses}).
 */
final class RealmClients implements RegisteredClientRepository {

	private static final Logger log = LoggerFactory.getLogger(RealmClients.class);

	private final ClientCatalog catalog;

	private final RealmRegistry realms;

	/** The clients of the catalog's current snapshot. */
	private final PerSnapshot<Built> built;

	RealmClients(ClientCatalog catalog, RealmRegistry realms) {
		this.catalog = catalog;
		this.realms = realms;
		this.built = new PerSnapshot<>(catalog::snapshot, this::clientsOf);
	}

	static String id(String realm, String clientId) {
		return ClientCatalog.key(realm, clientId);
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		throw new UnsupportedOperationException("Clients are managed in the realm files and the admin API");
	}

	@Override
	public RegisteredClient findById(String id) {
		Built current = this.built.get();
		RegisteredClient client = current.byId().get(id);
		return current.firstParty().contains(id) ? FirstPartyRedirectUris.resolve(client) : client;
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return findById(id(RealmContext.current().realm().name(), clientId));
	}

	/** Whether the realm has this client and it is disabled, for a page that says so. */
	boolean disabled(String realm, String clientId) {
		return this.catalog.find(realm, clientId).map((entry) -> !entry.enabled()).orElse(false);
	}

	private Built clientsOf(ClientCatalog.Snapshot snapshot) {
		Map<String, RegisteredClient> byId = new HashMap<>();
		Set<String> firstParty = new HashSet<>();
		for (ClientCatalog.Entry entry : snapshot.byKey().values()) {
			Optional<Realm> realm = this.realms.find(entry.stored().realm());
			if (entry.enabled() && realm.isPresent()) {
				RegisteredClient registered = build(realm.get(), entry.registration(), entry.stored().secretHash());
				if (registered != null) {
					byId.put(registered.getId(), registered);
					if (FirstPartyRedirectUris.present(registered)) {
						firstParty.add(registered.getId());
					}
				}
			}
		}
		return new Built(Map.copyOf(byId), Set.copyOf(firstParty));
	}

	/** @param firstParty clients with redirect URIs written as paths on hpid's own origin */
	private record Built(Map<String, RegisteredClient> byId, Set<String> firstParty) {

	}

	private static RegisteredClient build(Realm realm, ClientRegistration client, Optional<String> secretHash) {
		RegisteredClient.Builder builder = RegisteredClient.withId(id(realm.name(), client.clientId()))
			.clientId(client.clientId())
			.clientName(client.displayName().getOrDefault("vi", client.clientId()));
		boolean usesSecret = client.authenticationMethods().contains(ClientAuthMethod.CLIENT_SECRET_BASIC)
				|| client.authenticationMethods().contains(ClientAuthMethod.CLIENT_SECRET_POST);
		if (usesSecret && secretHash.isEmpty()) {
			// The realm file's variable was never set: ClientFileApplier warned at start.
			log.debug("Client {} of realm {} cannot authenticate: it has no secret", client.clientId(), realm.name());
			return null;
		}
		secretHash.ifPresent(builder::clientSecret);
		for (ClientAuthMethod method : client.authenticationMethods()) {
			builder.clientAuthenticationMethod(new ClientAuthenticationMethod(method.value()));
		}
		for (GrantType grant : client.grantTypes()) {
			builder.authorizationGrantType(new AuthorizationGrantType(grant.value()));
		}
		client.redirectUris().forEach(builder::redirectUri);
		client.postLogoutRedirectUris().forEach(builder::postLogoutRedirectUri);
		client.scopes().forEach(builder::scope);

		ClientSettings.Builder clientSettings = ClientSettings.builder()
			.requireProofKey(true)
			.requireAuthorizationConsent(client.requireConsent());
		client.jwksUri().ifPresent((uri) -> clientSettings.jwkSetUrl(uri.toString())
			.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS256));
		builder.clientSettings(clientSettings.build());

		builder.tokenSettings(TokenSettings.builder()
			.authorizationCodeTimeToLive(client.tokens().authorizationCodeLifetime())
			.accessTokenTimeToLive(client.tokens().accessTokenLifetime())
			.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
			.refreshTokenTimeToLive(client.tokens().refreshTokenLifetime())
			.reuseRefreshTokens(false)
			.idTokenSignatureAlgorithm(SignatureAlgorithm.RS256)
			.build());
		if (client.type() == ClientType.PUBLIC) {
			log.debug("Client {} of realm {} is public: PKCE is its only proof", client.clientId(), realm.name());
		}
		return builder.build();
	}

}
