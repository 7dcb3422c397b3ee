package vn.haiphong.hpid.realm;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An app registered in a realm file.
 *
 * @param clientId the OAuth client id, unique in the realm
 * @param displayName display name by language tag
 * @param type confidential (has credentials) or public (PKCE only)
 * @param secretReference for {@code client_secret_*} methods: the name of the
 * environment variable that holds the secret (never the secret itself)
 * @param authenticationMethods how the client authenticates at the token endpoint
 * @param jwksUri for {@code private_key_jwt}: where the client publishes its keys
 * @param redirectUris exact redirect URIs
 * @param postLogoutRedirectUris exact post-logout redirect URIs
 * @param backchannelLogoutUri where logout tokens are posted when a session ends
 * @param webOrigins the origins ({@code scheme://host[:port]}, as browsers send them) of
 * pages allowed to call the token, userinfo and revocation endpoints from the browser
 * (CORS); empty: none
 * @param grantTypes grants the client may use
 * @param scopes scopes the client may ask for
 * @param requireConsent whether the person is asked to approve the scopes
 * @param tokens lifetimes for this client (the realm's defaults filled in)
 * @param demo declared only for the embedded demo; ignored unless the demo is enabled
 * @param minimumLevel the lowest level of assurance a sign-in must have for this client
 * ({@code minimumAcr}); empty: a local account suffices
 * @param pairwiseSector for {@code subjectType: pairwise}: the sector (a host name) whose
 * pairwise {@code sub} the client receives (OpenID Connect Core 1.0 §8.1); empty: the
 * public {@code sub}
 */
public record ClientRegistration(String clientId, Map<String, String> displayName, ClientType type,
		Optional<String> secretReference, Set<ClientAuthMethod> authenticationMethods, Optional<URI> jwksUri,
		List<String> redirectUris, List<String> postLogoutRedirectUris, Optional<URI> backchannelLogoutUri,
		List<String> webOrigins, Set<GrantType> grantTypes, Set<String> scopes,
		boolean requireConsent, TokenSettings tokens, boolean demo,
		Optional<vn.haiphong.hpid.spi.LevelOfAssurance> minimumLevel, Optional<String> pairwiseSector) {

	public ClientRegistration {
		displayName = Map.copyOf(displayName);
		authenticationMethods = Set.copyOf(authenticationMethods);
		redirectUris = List.copyOf(redirectUris);
		postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
		webOrigins = List.copyOf(webOrigins);
		grantTypes = Set.copyOf(grantTypes);
		scopes = Set.copyOf(scopes);
	}

	public enum ClientType {

		CONFIDENTIAL, PUBLIC

	}

	/** Token endpoint authentication methods, by their registered OAuth names. */
	public enum ClientAuthMethod {

		CLIENT_SECRET_BASIC("client_secret_basic"), CLIENT_SECRET_POST("client_secret_post"),
		PRIVATE_KEY_JWT("private_key_jwt"), NONE("none");

		private final String value;

		ClientAuthMethod(String value) {
			this.value = value;
		}

		public String value() {
			return this.value;
		}

		public static Optional<ClientAuthMethod> parse(String value) {
			for (ClientAuthMethod method : values()) {
				if (method.value.equals(value)) {
					return Optional.of(method);
				}
			}
			return Optional.empty();
		}

	}

	/** Grant types hpid supports; implicit and password are deliberately absent. */
	public enum GrantType {

		AUTHORIZATION_CODE("authorization_code"), REFRESH_TOKEN("refresh_token"),
		CLIENT_CREDENTIALS("client_credentials");

		private final String value;

		GrantType(String value) {
			this.value = value;
		}

		public String value() {
			return this.value;
		}

		public static Optional<GrantType> parse(String value) {
			for (GrantType type : values()) {
				if (type.value.equals(value)) {
					return Optional.of(type);
				}
			}
			return Optional.empty();
		}

	}

}
