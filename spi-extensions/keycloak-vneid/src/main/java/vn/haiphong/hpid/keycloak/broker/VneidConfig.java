package vn.haiphong.hpid.keycloak.broker;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import vn.haiphong.hpid.spi.LevelOfAssurance;
import vn.haiphong.hpid.vneid.RelyingPartyKey;
import vn.haiphong.hpid.vneid.UpstreamHttpSettings;
import vn.haiphong.hpid.vneid.VneidSettings;

/**
 * The admin-console settings of a VNeID identity provider, read from the identity provider's
 * config map into the connector's {@link VneidSettings}. Every default is the observed VNeID
 * value that {@link VneidSettings.Builder} already holds; an empty field keeps it.
 */
public final class VneidConfig {

    public static final String AUTHORIZATION_URL = "authorizationUrl";
    public static final String TOKEN_URL = "tokenUrl";
    public static final String USERINFO_URL = "userInfoUrl";
    public static final String CLIENT_ID = "clientId";
    public static final String CLIENT_SECRET = "clientSecret";
    public static final String RP_PRIVATE_KEY_PEM = "rpPrivateKeyPem";
    public static final String SCOPE = "defaultScope";
    public static final String USE_PKCE = "pkceEnabled";
    public static final String CLAIM_PERSONAL_ID = "claimPersonalId";
    public static final String CLAIM_FULL_NAME = "claimFullName";
    public static final String CLAIM_BIRTH_DATE = "claimBirthDate";
    public static final String CLAIM_GENDER = "claimGender";
    public static final String CLAIM_LEVEL = "claimLevel";
    /** {@code upstreamValue:decreeLevel} pairs, comma separated, e.g. {@code 1:1,2:2}. Unlisted values are level 1. */
    public static final String LEVEL_MAPPING = "levelMapping";
    /** The lowest Decree 69 level (1 or 2) a VNeID account must have to sign in here. */
    public static final String MINIMUM_LEVEL = "minimumLevel";
    public static final String CONNECT_TIMEOUT_MS = "connectTimeoutMillis";
    public static final String READ_TIMEOUT_MS = "readTimeoutMillis";

    private VneidConfig() {
    }

    public static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(AUTHORIZATION_URL).label("Authorization URL").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("VNeID authorization endpoint of your contract").required(true).add()
                .property().name(TOKEN_URL).label("Token URL").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("VNeID token endpoint (answers an encrypted envelope)").required(true).add()
                .property().name(USERINFO_URL).label("Userinfo URL").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("VNeID userinfo endpoint (answers an encrypted envelope)").required(true).add()
                .property().name(CLIENT_ID).label("Client ID").type(ProviderConfigProperty.STRING_TYPE).required(true).add()
                .property().name(CLIENT_SECRET).label("Client secret").type(ProviderConfigProperty.PASSWORD)
                .secret(true).required(true).add()
                .property().name(RP_PRIVATE_KEY_PEM).label("Relying-party RSA private key (PEM)")
                .type(ProviderConfigProperty.TEXT_TYPE).secret(true).required(true)
                .helpText("Unencrypted PKCS#8 (BEGIN PRIVATE KEY) or PKCS#1 (BEGIN RSA PRIVATE KEY), at least 2048 bits. "
                        + "VNeID encrypts token and userinfo answers to its public half.").add()
                .property().name(SCOPE).label("Scope").type(ProviderConfigProperty.STRING_TYPE).defaultValue("openid").add()
                .property().name(USE_PKCE).label("Use PKCE (S256)").type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("true").add()
                .property().name(CLAIM_PERSONAL_ID).label("Claim: personal ID number").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue("citizenPid").add()
                .property().name(CLAIM_FULL_NAME).label("Claim: full name").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue("fullName").add()
                .property().name(CLAIM_BIRTH_DATE).label("Claim: birth date").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue("birthDate").add()
                .property().name(CLAIM_GENDER).label("Claim: gender").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue("gender").add()
                .property().name(CLAIM_LEVEL).label("Claim: account level").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue("accountLevel").add()
                .property().name(LEVEL_MAPPING).label("Level mapping").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue("1:1,2:2")
                .helpText("upstreamValue:level pairs (level 1 or 2 of Decree 69/2024); unlisted values count as level 1").add()
                .property().name(MINIMUM_LEVEL).label("Minimum level").type(ProviderConfigProperty.LIST_TYPE)
                .options("1", "2").defaultValue("1").add()
                .property().name(CONNECT_TIMEOUT_MS).label("Connect timeout (ms)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue("3000").add()
                .property().name(READ_TIMEOUT_MS).label("Read timeout (ms)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue("5000").add()
                .build();
    }

    /** @throws IllegalArgumentException naming the field that is missing or wrong */
    public static VneidSettings settings(String alias, Map<String, String> config) {
        VneidSettings.ClaimNames defaults = VneidSettings.ClaimNames.defaults();
        UpstreamHttpSettings http = UpstreamHttpSettings.defaults().withTimeouts(
                Duration.ofMillis(longOr(config, CONNECT_TIMEOUT_MS, 3000)),
                Duration.ofMillis(longOr(config, READ_TIMEOUT_MS, 5000)));
        return VneidSettings.builder()
                .alias(alias)
                .authorizationEndpoint(uri(config, AUTHORIZATION_URL))
                .tokenEndpoint(uri(config, TOKEN_URL))
                .userinfoEndpoint(uri(config, USERINFO_URL))
                .clientId(config.get(CLIENT_ID))
                .clientSecret(config.get(CLIENT_SECRET))
                .scope(or(config, SCOPE, "openid"))
                .usePkce(!"false".equalsIgnoreCase(config.get(USE_PKCE)))
                .claims(new VneidSettings.ClaimNames(
                        or(config, CLAIM_PERSONAL_ID, defaults.personalId()),
                        or(config, CLAIM_FULL_NAME, defaults.fullName()),
                        or(config, CLAIM_BIRTH_DATE, defaults.birthDate()),
                        or(config, CLAIM_GENDER, defaults.gender()),
                        or(config, CLAIM_LEVEL, defaults.level()),
                        defaults.enterpriseTaxCode(),
                        defaults.enterpriseName()))
                .levelMapping(levelMapping(or(config, LEVEL_MAPPING, "1:1,2:2")))
                .http(http)
                .build();
    }

    public static RelyingPartyKey key(Map<String, String> config) {
        return RelyingPartyKey.fromPem(config.get(RP_PRIVATE_KEY_PEM));
    }

    public static LevelOfAssurance minimumLevel(Map<String, String> config) {
        return level(or(config, MINIMUM_LEVEL, "1"), MINIMUM_LEVEL);
    }

    static Map<String, LevelOfAssurance> levelMapping(String text) {
        Map<String, LevelOfAssurance> mapping = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int colon = pair.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(LEVEL_MAPPING + ": '" + pair.strip() + "' is not upstreamValue:level");
            }
            mapping.put(pair.substring(0, colon).strip(), level(pair.substring(colon + 1).strip(), LEVEL_MAPPING));
        }
        return mapping;
    }

    private static LevelOfAssurance level(String value, String field) {
        for (LevelOfAssurance level : LevelOfAssurance.values()) {
            if (String.valueOf(level.decreeLevel()).equals(value)) {
                return level;
            }
        }
        throw new IllegalArgumentException(field + ": level must be 1 or 2, got '" + value + "'");
    }

    private static URI uri(Map<String, String> config, String key) {
        String value = config.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
        URI uri = URI.create(value.strip());
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException(key + " must be an absolute URL");
        }
        return uri;
    }

    private static String or(Map<String, String> config, String key, String fallback) {
        String value = config.get(key);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static long longOr(Map<String, String> config, String key, long fallback) {
        String value = config.get(key);
        try {
            return value == null || value.isBlank() ? fallback : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of milliseconds", e);
        }
    }
}
