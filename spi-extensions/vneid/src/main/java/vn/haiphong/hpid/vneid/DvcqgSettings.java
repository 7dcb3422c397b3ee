package vn.haiphong.hpid.vneid;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import vn.haiphong.hpid.spi.LevelOfAssurance;

/**
 * Configuration of the national public-service portal (DVCQG) single sign-on. Endpoint
 * paths {@code /oauth2/authorize}, {@code /oauth2/token} and {@code /oauth2/userinfo} are
 * what provincial integrations use; {@link #forHost} fills them from one base URI.
 *
 * @param acrValues    sent as {@code acr_values} on the authorize request (default {@code LoA1})
 * @param levelClaim   userinfo claim holding the level (default {@code loAs})
 * @param levelMapping its values → level; portal accounts default to the lowest: since
 *                     1 July 2025 only VNeID proves a higher level
 */
public record DvcqgSettings(
        String alias,
        URI authorizationEndpoint,
        URI tokenEndpoint,
        URI userinfoEndpoint,
        String clientId,
        String clientSecret,
        String scope,
        String acrValues,
        boolean usePkce,
        String levelClaim,
        Map<String, LevelOfAssurance> levelMapping,
        Duration transactionTtl,
        UpstreamHttpSettings http) {

    public DvcqgSettings {
        for (String[] field : new String[][] {{alias, "alias"}, {clientId, "clientId"}, {clientSecret, "clientSecret"},
                {scope, "scope"}, {acrValues, "acrValues"}, {levelClaim, "levelClaim"}}) {
            if (field[0] == null || field[0].isBlank()) {
                throw new IllegalArgumentException(field[1] + " must not be blank");
            }
        }
        Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        Objects.requireNonNull(userinfoEndpoint, "userinfoEndpoint");
        levelMapping = Map.copyOf(levelMapping);
        Objects.requireNonNull(transactionTtl, "transactionTtl");
        Objects.requireNonNull(http, "http");
    }

    /** The observed defaults for a portal host (production or its separate test host). */
    public static DvcqgSettings forHost(URI base, String clientId, String clientSecret) {
        String b = base.toString().replaceAll("/+$", "");
        return new DvcqgSettings("dvcqg", URI.create(b + "/oauth2/authorize"), URI.create(b + "/oauth2/token"),
                URI.create(b + "/oauth2/userinfo"), clientId, clientSecret, "openid", "LoA1", true, "loAs",
                Map.of(), Duration.ofMinutes(10), UpstreamHttpSettings.defaults());
    }

    public DvcqgSettings withHttp(UpstreamHttpSettings newHttp) {
        return new DvcqgSettings(alias, authorizationEndpoint, tokenEndpoint, userinfoEndpoint, clientId, clientSecret,
                scope, acrValues, usePkce, levelClaim, levelMapping, transactionTtl, newHttp);
    }

    @Override
    public String toString() {
        return "DvcqgSettings[alias=" + alias + ", clientId=" + clientId + ", authorizationEndpoint="
                + authorizationEndpoint + "]";
    }
}
