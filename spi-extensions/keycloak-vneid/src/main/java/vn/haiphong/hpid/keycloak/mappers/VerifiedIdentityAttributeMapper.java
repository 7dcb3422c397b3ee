package vn.haiphong.hpid.keycloak.mappers;

import java.util.List;

import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import vn.haiphong.hpid.keycloak.broker.IdentityAttributes;
import vn.haiphong.hpid.keycloak.broker.DvcqgIdentityProviderFactory;
import vn.haiphong.hpid.keycloak.broker.VneidIdentityProviderFactory;

/**
 * Copies one verified VNeID attribute (personal ID number, full name, birth date, gender or
 * level) into a user attribute, on creation and on every later sign-in, so the account follows
 * the national register. Declare the target attributes read-only to users in the realm's user profile.
 */
public final class VerifiedIdentityAttributeMapper extends AbstractIdentityProviderMapper {

    public static final String PROVIDER_ID = "hpid-vneid-attribute-mapper";
    static final String SOURCE = "source";
    static final String TARGET = "user.attribute";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String[] getCompatibleProviders() {
        return new String[] {VneidIdentityProviderFactory.PROVIDER_ID, DvcqgIdentityProviderFactory.PROVIDER_ID};
    }

    @Override
    public String getDisplayCategory() {
        return "Attribute Importer";
    }

    @Override
    public String getDisplayType() {
        return "VNeID verified attribute";
    }

    @Override
    public String getHelpText() {
        return "Copies a verified VNeID value into a user attribute on every sign-in.";
    }

    @Override
    public boolean supportsSyncMode(IdentityProviderSyncMode syncMode) {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(SOURCE).label("VNeID value").type(ProviderConfigProperty.LIST_TYPE)
                .options(IdentityAttributes.PERSONAL_ID_NUMBER, IdentityAttributes.FULL_NAME, IdentityAttributes.BIRTH_DATE,
                        IdentityAttributes.GENDER, IdentityAttributes.LEVEL)
                .defaultValue(IdentityAttributes.PERSONAL_ID_NUMBER).add()
                .property().name(TARGET).label("User attribute").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Empty: the same name as the VNeID value").add()
                .build();
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user,
            IdentityProviderMapperModel mapper, BrokeredIdentityContext context) {
        copy(user, mapper, context);
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user,
            IdentityProviderMapperModel mapper, BrokeredIdentityContext context) {
        copy(user, mapper, context);
    }

    private static void copy(UserModel user, IdentityProviderMapperModel mapper, BrokeredIdentityContext context) {
        String source = mapper.getConfig().getOrDefault(SOURCE, IdentityAttributes.PERSONAL_ID_NUMBER);
        String target = mapper.getConfig().get(TARGET);
        String value = context.getUserAttribute(source);
        if (value != null) {
            user.setSingleAttribute(target == null || target.isBlank() ? source : target, value);
        }
    }
}
