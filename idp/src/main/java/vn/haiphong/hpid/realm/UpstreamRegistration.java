package vn.haiphong.hpid.realm;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import vn.haiphong.hpid.spi.LevelOfAssurance;

/**
 * An upstream identity provider a realm sends people to (VNeID, the national
 * public-service portal, or any OpenID Connect provider), as declared in its realm file.
 * Secrets are only the names of environment variables; the connector reads them at start.
 *
 * @param alias the path segment of the broker endpoints ({@code /realms/{realm}/broker/{alias}/...})
 * @param type which connector speaks to it
 * @param displayName the button's label by language tag
 * @param authorizationUri VNeID and DVCQG: the authorization endpoint
 * @param tokenUri VNeID and DVCQG: the token endpoint
 * @param userinfoUri VNeID and DVCQG: the userinfo endpoint
 * @param issuer OIDC: the issuer, whose discovery document names the endpoints
 * @param clientId our client id at the upstream
 * @param secretReference the environment variable holding our client secret there
 * @param rpKey VNeID: where our RSA private key is ({@link RpKeySource})
 * @param levelMapping upstream level value (VNeID {@code accountLevel}, DVCQG {@code loAs}, OIDC
 * {@code acr}) to level; unlisted values count as the lowest
 * @param sandbox in the embedded default, let the in-process VNeID sandbox play this upstream
 * @param connectTimeout upstream connect timeout
 * @param readTimeout upstream read timeout
 * @param transactionLifetime how long a started sign-in may take
 */
public record UpstreamRegistration(String alias, Type type, Map<String, String> displayName,
		Optional<URI> authorizationUri, Optional<URI> tokenUri, Optional<URI> userinfoUri, Optional<URI> issuer,
		Optional<String> clientId, Optional<String> secretReference, Optional<RpKeySource> rpKey,
		Map<String, LevelOfAssurance> levelMapping, boolean sandbox, Duration connectTimeout, Duration readTimeout,
		Duration transactionLifetime) {

	public UpstreamRegistration {
		Objects.requireNonNull(alias, "alias");
		Objects.requireNonNull(type, "type");
		displayName = Map.copyOf(displayName);
		levelMapping = Map.copyOf(levelMapping);
	}

	public enum Type {

		VNEID("vneid"), DVCQG("dvcqg"), OIDC("oidc");

		private final String value;

		Type(String value) {
			this.value = value;
		}

		public String value() {
			return this.value;
		}

		public static Optional<Type> parse(String value) {
			for (Type type : values()) {
				if (type.value.equals(value)) {
					return Optional.of(type);
				}
			}
			return Optional.empty();
		}

	}

	/**
	 * Where the relying party's RSA private key (PEM) is: in an environment variable, or
	 * in a file readable only by hpid.
	 */
	public record RpKeySource(Optional<String> environmentVariable, Optional<String> file) {

		public RpKeySource {
			if (environmentVariable.isPresent() == file.isPresent()) {
				throw new IllegalArgumentException("exactly one of environmentVariable and file");
			}
		}

	}

	/** The label in the given language, falling back to Vietnamese. */
	public String displayName(String language) {
		return this.displayName.getOrDefault(language, this.displayName.getOrDefault("vi", this.alias));
	}

}
