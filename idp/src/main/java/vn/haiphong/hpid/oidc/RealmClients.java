package vn.haiphong.hpid.oidc;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
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
import vn.haiphong.hpid.security.ClientSecretHasher;

/**
 * The registered clients of every realm, built once from the realm files. A client id is
 * looked up in the realm of the request, so two realms may use the same id.
 *
 * <p>Secrets are read from the environment variables the realm files name, checked for
 * length and kept only as keyed hashes.
 */
final class RealmClients implements RegisteredClientRepository {

	static final int MIN_SECRET_LENGTH = 32;

	private static final Logger log = LoggerFactory.getLogger(RealmClients.class);

	private final Map<String, RegisteredClient> byId = new HashMap<>();

	/** Clients with redirect URIs written as paths on hpid's own origin. */
	private final Set<String> firstParty = new HashSet<>();

	RealmClients(RealmRegistry realms, Environment environment, ClientSecretHasher hasher) {
		for (Realm realm : realms.all()) {
			for (ClientRegistration client : realm.clients()) {
				RegisteredClient registered = build(realm, client, environment, hasher);
				if (registered != null) {
					this.byId.put(registered.getId(), registered);
					if (FirstPartyRedirectUris.present(registered)) {
						this.firstParty.add(registered.getId());
					}
				}
			}
		}
	}

	static String id(String realm, String clientId) {
		return realm + "/" + clientId;
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		throw new UnsupportedOperationException("Clients are managed in the realm files");
	}

	@Override
	public RegisteredClient findById(String id) {
		RegisteredClient client = this.byId.get(id);
		return this.firstParty.contains(id) ? FirstPartyRedirectUris.resolve(client) : client;
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return findById(id(RealmContext.current().realm().name(), clientId));
	}

	private static RegisteredClient build(Realm realm, ClientRegistration client, Environment environment,
			ClientSecretHasher hasher) {
		RegisteredClient.Builder builder = RegisteredClient.withId(id(realm.name(), client.clientId()))
			.clientId(client.clientId())
			.clientName(client.displayName().getOrDefault("vi", client.clientId()));
		if (client.secretReference().isPresent()) {
			String variable = client.secretReference().get();
			String secret = environment.getProperty(variable);
			if (secret == null || secret.isBlank()) {
				log.warn("Client {} of realm {} is disabled: its secret variable {} is not set", client.clientId(),
						realm.name(), variable);
				return null;
			}
			if (secret.length() < MIN_SECRET_LENGTH) {
				throw new IllegalStateException("Realm " + realm.name() + ", client " + client.clientId()
						+ ": the secret in " + variable + " is too short; it must have at least " + MIN_SECRET_LENGTH
						+ " characters (generate one with: openssl rand -base64 32)");
			}
			builder.clientSecret(hasher.encode(secret));
		}
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
