package vn.haiphong.hpid.keycloak.broker;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.keycloak.broker.provider.AbstractIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import vn.haiphong.hpid.spi.LevelOfAssurance;
import vn.haiphong.hpid.vneid.DvcqgConnector;
import vn.haiphong.hpid.vneid.DvcqgSettings;
import vn.haiphong.hpid.vneid.UpstreamHttpSettings;

/**
 * The national public-service portal (Cổng Dịch vụ công quốc gia) single sign-on, on top of
 * {@link DvcqgConnector}. The browser side is the same as VNeID's, so it shares
 * {@link VneidIdentityProvider}; only the connector differs. Portal accounts count as level 1.
 */
public final class DvcqgIdentityProviderFactory extends AbstractIdentityProviderFactory<VneidIdentityProvider> {

    public static final String PROVIDER_ID = "dvcqg";
    static final String BASE_URL = "baseUrl";
    static final String ACR_VALUES = "acrValues";

    private final Map<String, DvcqgConnector> connectors = new ConcurrentHashMap<>();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getName() {
        return "Cổng Dịch vụ công quốc gia (DVCQG)";
    }

    @Override
    public VneidIdentityProvider create(KeycloakSession session, IdentityProviderModel model) {
        Map<String, String> config = model.getConfig();
        String key = model.getInternalId() + "|" + model.getAlias() + "|" + new TreeMap<>(config).hashCode();
        DvcqgConnector connector = connectors.computeIfAbsent(key, k -> new DvcqgConnector(settings(model.getAlias(), config)));
        return new VneidIdentityProvider(session, model, connector, LevelOfAssurance.LOW);
    }

    static DvcqgSettings settings(String alias, Map<String, String> config) {
        String base = config.get(BASE_URL);
        if (base == null || base.isBlank()) {
            throw new IllegalArgumentException(BASE_URL + " is required");
        }
        DvcqgSettings d = DvcqgSettings.forHost(URI.create(base.strip()), config.get(VneidConfig.CLIENT_ID),
                config.get(VneidConfig.CLIENT_SECRET));
        String acr = config.getOrDefault(ACR_VALUES, "");
        UpstreamHttpSettings http = UpstreamHttpSettings.defaults().withTimeouts(
                Duration.ofMillis(millis(config, VneidConfig.CONNECT_TIMEOUT_MS, 3000)),
                Duration.ofMillis(millis(config, VneidConfig.READ_TIMEOUT_MS, 5000)));
        return new DvcqgSettings(alias, d.authorizationEndpoint(), d.tokenEndpoint(), d.userinfoEndpoint(), d.clientId(),
                d.clientSecret(), d.scope(), acr.isBlank() ? d.acrValues() : acr.strip(), d.usePkce(), d.levelClaim(),
                d.levelMapping(), d.transactionTtl(), http);
    }

    private static long millis(Map<String, String> config, String key, long fallback) {
        String v = config.get(key);
        try {
            return v == null || v.isBlank() ? fallback : Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of milliseconds", e);
        }
    }

    @Override
    public IdentityProviderModel createConfig() {
        return new IdentityProviderModel();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(BASE_URL).label("Portal base URL").type(ProviderConfigProperty.STRING_TYPE).required(true)
                .helpText("Production or test host; /oauth2/authorize, /oauth2/token, /oauth2/userinfo are appended").add()
                .property().name(VneidConfig.CLIENT_ID).label("Client ID").type(ProviderConfigProperty.STRING_TYPE)
                .required(true).add()
                .property().name(VneidConfig.CLIENT_SECRET).label("Client secret").type(ProviderConfigProperty.PASSWORD)
                .secret(true).required(true).add()
                .property().name(ACR_VALUES).label("acr_values").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue("LoA1").add()
                .property().name(VneidConfig.CONNECT_TIMEOUT_MS).label("Connect timeout (ms)")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("3000").add()
                .property().name(VneidConfig.READ_TIMEOUT_MS).label("Read timeout (ms)")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("5000").add()
                .build();
    }
}
