package vn.haiphong.hpid.keycloak.mappers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

import vn.haiphong.hpid.keycloak.broker.IdentityAttributes;

/**
 * Emits {@code verified_claims} (OpenID Connect for Identity Assurance 1.0) from the attributes a
 * VNeID sign-in wrote: the verification (trust framework, Decree 69 level) and the verified
 * claims. Nothing is emitted for a user VNeID never verified. The personal ID number is included
 * only when the mapper is configured to, so an app gets it only where an admin allowed it.
 */
public final class VerifiedClaimsProtocolMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {

    public static final String PROVIDER_ID = "hpid-verified-claims-mapper";
    static final String INCLUDE_PERSONAL_ID = "include.personal.id";
    static final String TRUST_FRAMEWORK = "vn_vneid";

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        ProviderConfigProperty includePid = new ProviderConfigProperty(INCLUDE_PERSONAL_ID,
                "Include personal ID number", "Adds personal_id_number to the verified claims",
                ProviderConfigProperty.BOOLEAN_TYPE, "false");
        CONFIG.add(includePid);
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, VerifiedClaimsProtocolMapper.class);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getDisplayType() {
        return "VNeID verified_claims (OIDC4IDA)";
    }

    @Override
    public String getHelpText() {
        return "Emits verified_claims (OpenID Connect for Identity Assurance 1.0) for users verified by VNeID.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mapper, UserSessionModel userSession,
            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        verifiedClaims(userSession.getUser(), "true".equals(mapper.getConfig().get(INCLUDE_PERSONAL_ID)))
                .ifPresent(claims -> token.getOtherClaims().put("verified_claims", claims));
    }

    static java.util.Optional<Map<String, Object>> verifiedClaims(UserModel user, boolean includePersonalId) {
        String level = user.getFirstAttribute(IdentityAttributes.LEVEL);
        String pid = user.getFirstAttribute(IdentityAttributes.PERSONAL_ID_NUMBER);
        if (level == null || pid == null) {
            return java.util.Optional.empty();
        }
        Map<String, Object> verification = new LinkedHashMap<>();
        verification.put("trust_framework", TRUST_FRAMEWORK);
        verification.put("assurance_level", "level" + level);
        Map<String, Object> claims = new LinkedHashMap<>();
        putIfPresent(claims, "given_name", user.getFirstName());
        putIfPresent(claims, "family_name", user.getLastName());
        putIfPresent(claims, "name", user.getFirstAttribute(IdentityAttributes.FULL_NAME));
        putIfPresent(claims, "birthdate", user.getFirstAttribute(IdentityAttributes.BIRTH_DATE));
        putIfPresent(claims, "gender", user.getFirstAttribute(IdentityAttributes.GENDER));
        if (includePersonalId) {
            claims.put("personal_id_number", pid);
        }
        Map<String, Object> verified = new LinkedHashMap<>();
        verified.put("verification", verification);
        verified.put("claims", claims);
        return java.util.Optional.of(verified);
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
