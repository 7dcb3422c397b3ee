package vn.haiphong.hpid.vneid;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import vn.haiphong.hpid.spi.LevelOfAssurance;

/**
 * Configuration of one VNeID contract. No integration specification is public, so every
 * protocol detail read from observed integrations is a setting here, with that observed
 * value as the default. Build with {@link #builder()}.
 *
 * @param scope           requested scope (default {@code openid})
 * @param usePkce         send PKCE S256 (default true; turn off only if the contract's server rejects it)
 * @param claims          claim names in the decrypted userinfo
 * @param levelMapping    upstream level value → level; values not listed count as the lowest
 * @param birthDatePatterns {@link java.time.format.DateTimeFormatter} patterns tried in order
 * @param accessTokenField field of the decrypted token response holding the access token
 * @param transactionTtl  how long a started sign-in may take (default 10 minutes)
 */
public record VneidSettings(
        String alias,
        URI authorizationEndpoint,
        URI tokenEndpoint,
        URI userinfoEndpoint,
        String clientId,
        String clientSecret,
        String scope,
        boolean usePkce,
        ClaimNames claims,
        Map<String, LevelOfAssurance> levelMapping,
        List<String> birthDatePatterns,
        String accessTokenField,
        Duration transactionTtl,
        UpstreamHttpSettings http) {

    /**
     * Userinfo claim names. {@code citizenPid}, {@code fullName}, {@code birthDate} and
     * {@code accountLevel} were observed; the gender and enterprise names were not, and are
     * placeholders to set per contract.
     */
    public record ClaimNames(
            String personalId,
            String fullName,
            String birthDate,
            String gender,
            String level,
            String enterpriseTaxCode,
            String enterpriseName) {

        public ClaimNames {
            for (String name : new String[] {personalId, fullName, birthDate, gender, level, enterpriseTaxCode, enterpriseName}) {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException("claim names must not be blank");
                }
            }
        }

        public static ClaimNames defaults() {
            return new ClaimNames("citizenPid", "fullName", "birthDate", "gender", "accountLevel",
                    "enterpriseTaxCode", "enterpriseName");
        }
    }

    public VneidSettings {
        requireText(alias, "alias");
        Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        Objects.requireNonNull(userinfoEndpoint, "userinfoEndpoint");
        requireText(clientId, "clientId");
        requireText(clientSecret, "clientSecret");
        requireText(scope, "scope");
        Objects.requireNonNull(claims, "claims");
        levelMapping = Map.copyOf(levelMapping);
        birthDatePatterns = List.copyOf(birthDatePatterns);
        requireText(accessTokenField, "accessTokenField");
        Objects.requireNonNull(transactionTtl, "transactionTtl");
        Objects.requireNonNull(http, "http");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The secret stays out of logs. */
    @Override
    public String toString() {
        return "VneidSettings[alias=" + alias + ", clientId=" + clientId + ", authorizationEndpoint="
                + authorizationEndpoint + ", usePkce=" + usePkce + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    public static final class Builder {
        private String alias = "vneid";
        private URI authorizationEndpoint;
        private URI tokenEndpoint;
        private URI userinfoEndpoint;
        private String clientId;
        private String clientSecret;
        private String scope = "openid";
        private boolean usePkce = true;
        private ClaimNames claims = ClaimNames.defaults();
        private Map<String, LevelOfAssurance> levelMapping =
                Map.of("1", LevelOfAssurance.LOW, "2", LevelOfAssurance.HIGH);
        private List<String> birthDatePatterns = List.of("dd/MM/yyyy", "yyyy-MM-dd", "yyyyMMdd");
        private String accessTokenField = "access_token";
        private Duration transactionTtl = Duration.ofMinutes(10);
        private UpstreamHttpSettings http = UpstreamHttpSettings.defaults();

        private Builder() {
        }

        public Builder alias(String v) { alias = v; return this; }
        public Builder authorizationEndpoint(URI v) { authorizationEndpoint = v; return this; }
        public Builder tokenEndpoint(URI v) { tokenEndpoint = v; return this; }
        public Builder userinfoEndpoint(URI v) { userinfoEndpoint = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder clientSecret(String v) { clientSecret = v; return this; }
        public Builder scope(String v) { scope = v; return this; }
        public Builder usePkce(boolean v) { usePkce = v; return this; }
        public Builder claims(ClaimNames v) { claims = v; return this; }
        public Builder levelMapping(Map<String, LevelOfAssurance> v) { levelMapping = v; return this; }
        public Builder birthDatePatterns(List<String> v) { birthDatePatterns = v; return this; }
        public Builder accessTokenField(String v) { accessTokenField = v; return this; }
        public Builder transactionTtl(Duration v) { transactionTtl = v; return this; }
        public Builder http(UpstreamHttpSettings v) { http = v; return this; }

        public VneidSettings build() {
            return new VneidSettings(alias, authorizationEndpoint, tokenEndpoint, userinfoEndpoint, clientId,
                    clientSecret, scope, usePkce, claims, levelMapping, birthDatePatterns, accessTokenField,
                    transactionTtl, http);
        }
    }
}
