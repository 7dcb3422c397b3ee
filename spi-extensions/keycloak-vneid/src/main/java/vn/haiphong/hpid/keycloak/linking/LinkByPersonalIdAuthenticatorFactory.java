package vn.haiphong.hpid.keycloak.linking;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** Registers "Link by verified personal ID number" for first-broker-login flows. */
public final class LinkByPersonalIdAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "hpid-link-by-personal-id";

    private static final LinkByPersonalIdAuthenticator SINGLETON = new LinkByPersonalIdAuthenticator();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Link by verified personal ID number";
    }

    @Override
    public String getHelpText() {
        return "First broker login: uses the account whose personal_id_number attribute equals the number the "
                + "identity provider verified, or creates one. Never matches on e-mail. Use it alone, without "
                + "Review Profile / Create User If Unique / Confirm Link / Verify Existing Account By Email.";
    }

    @Override
    public String getReferenceCategory() {
        return "vneid";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
