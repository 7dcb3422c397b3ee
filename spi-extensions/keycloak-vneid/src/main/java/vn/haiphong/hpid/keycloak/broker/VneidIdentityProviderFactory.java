package vn.haiphong.hpid.keycloak.broker;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.keycloak.broker.provider.AbstractIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import vn.haiphong.hpid.vneid.VneidConnector;

/**
 * Keycloak creates an identity provider per request; the connector, with its circuit breaker,
 * must outlive the request, so connectors are kept here per realm, alias and configuration.
 */
public final class VneidIdentityProviderFactory extends AbstractIdentityProviderFactory<VneidIdentityProvider> {

    public static final String PROVIDER_ID = "vneid";

    private final Map<String, VneidConnector> connectors = new ConcurrentHashMap<>();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getName() {
        return "VNeID";
    }

    @Override
    public String getHelpText() {
        return "Sign in with VNeID, the national electronic identification of the Ministry of Public Security";
    }

    @Override
    public VneidIdentityProvider create(KeycloakSession session, IdentityProviderModel model) {
        Map<String, String> config = model.getConfig();
        // Sorted copy so that the same configuration gives the same key; a changed configuration a new connector.
        String key = model.getInternalId() + "|" + model.getAlias() + "|" + new TreeMap<>(config).hashCode();
        VneidConnector connector = connectors.computeIfAbsent(key,
                k -> new VneidConnector(VneidConfig.settings(model.getAlias(), config), VneidConfig.key(config)));
        return new VneidIdentityProvider(session, model, connector, VneidConfig.minimumLevel(config));
    }

    @Override
    public IdentityProviderModel createConfig() {
        return new IdentityProviderModel();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return VneidConfig.properties();
    }
}
