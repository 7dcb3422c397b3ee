package vn.haiphong.hpid.vneid;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import vn.haiphong.hpid.spi.LevelOfAssurance;

/**
 * Configuration of a standard OpenID Connect provider, such as the Ministry's Keycloak
 * realm behind the national portal. Build with {@link #builder()}.
 *
 * @param personalIdClaim     claim (ID token or userinfo) holding the 12-digit personal ID number
 * @param requirePersonalId   refuse sign-ins without it (default true: citizens are keyed on it)
 * @param acrMapping          upstream {@code acr} values → level; others count as the lowest
 * @param clockSkew           tolerance on {@code exp}/{@code iat} (default 60 s)
 * @param jwksCacheTtl        how long fetched signing keys are trusted before re-fetching (default 5 min)
 * @param jwksRefreshMinInterval least time between two JWKS fetches forced by unknown key ids, so forged
 *                            tokens cannot make us hammer the upstream (default 30 s; zero turns it off)
 */
public record OidcSettings(
        String alias,
        URI issuer,
        String clientId,
        String clientSecret,
        String scope,
        String personalIdClaim,
        boolean requirePersonalId,
        Map<String, LevelOfAssurance> acrMapping,
        boolean fetchUserinfo,
        Duration clockSkew,
        Duration jwksCacheTtl,
        Duration jwksRefreshMinInterval,
        Duration transactionTtl,
        UpstreamHttpSettings http) {

    public OidcSettings {
        if (alias == null || alias.isBlank() || clientId == null || clientId.isBlank()
                || clientSecret == null || clientSecret.isBlank() || scope == null || !scope.contains("openid")
                || personalIdClaim == null || personalIdClaim.isBlank()) {
            throw new IllegalArgumentException("alias, clientId, clientSecret, personalIdClaim are required "
                    + "and scope must include openid");
        }
        Objects.requireNonNull(issuer, "issuer");
        acrMapping = Map.copyOf(acrMapping);
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(jwksCacheTtl, "jwksCacheTtl");
        Objects.requireNonNull(jwksRefreshMinInterval, "jwksRefreshMinInterval");
        Objects.requireNonNull(transactionTtl, "transactionTtl");
        Objects.requireNonNull(http, "http");
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "OidcSettings[alias=" + alias + ", issuer=" + issuer + ", clientId=" + clientId + "]";
    }

    public static final class Builder {
        private String alias = "oidc";
        private URI issuer;
        private String clientId;
        private String clientSecret;
        private String scope = "openid profile";
        private String personalIdClaim = "citizenPid";
        private boolean requirePersonalId = true;
        private Map<String, LevelOfAssurance> acrMapping = Map.of();
        private boolean fetchUserinfo = true;
        private Duration clockSkew = Duration.ofSeconds(60);
        private Duration jwksCacheTtl = Duration.ofMinutes(5);
        private Duration jwksRefreshMinInterval = Duration.ofSeconds(30);
        private Duration transactionTtl = Duration.ofMinutes(10);
        private UpstreamHttpSettings http = UpstreamHttpSettings.defaults();

        private Builder() {
        }

        public Builder alias(String v) { alias = v; return this; }
        public Builder issuer(URI v) { issuer = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder clientSecret(String v) { clientSecret = v; return this; }
        public Builder scope(String v) { scope = v; return this; }
        public Builder personalIdClaim(String v) { personalIdClaim = v; return this; }
        public Builder requirePersonalId(boolean v) { requirePersonalId = v; return this; }
        public Builder acrMapping(Map<String, LevelOfAssurance> v) { acrMapping = v; return this; }
        public Builder fetchUserinfo(boolean v) { fetchUserinfo = v; return this; }
        public Builder clockSkew(Duration v) { clockSkew = v; return this; }
        public Builder jwksCacheTtl(Duration v) { jwksCacheTtl = v; return this; }
        public Builder jwksRefreshMinInterval(Duration v) { jwksRefreshMinInterval = v; return this; }
        public Builder transactionTtl(Duration v) { transactionTtl = v; return this; }
        public Builder http(UpstreamHttpSettings v) { http = v; return this; }

        public OidcSettings build() {
            return new OidcSettings(alias, issuer, clientId, clientSecret, scope, personalIdClaim, requirePersonalId,
                    acrMapping, fetchUserinfo, clockSkew, jwksCacheTtl, jwksRefreshMinInterval, transactionTtl, http);
        }
    }
}
