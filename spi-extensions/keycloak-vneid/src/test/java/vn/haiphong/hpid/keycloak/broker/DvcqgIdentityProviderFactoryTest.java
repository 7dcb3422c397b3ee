package vn.haiphong.hpid.keycloak.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.haiphong.hpid.vneid.DvcqgSettings;

class DvcqgIdentityProviderFactoryTest {

    @Test
    void fillsThePortalEndpointsFromTheBaseUrlUnderTheKeycloakAlias() {
        DvcqgSettings settings = DvcqgIdentityProviderFactory.settings("dvc", Map.of(
                DvcqgIdentityProviderFactory.BASE_URL, "https://sso.dichvucong.example/",
                VneidConfig.CLIENT_ID, "c", VneidConfig.CLIENT_SECRET, "s"));
        assertThat(settings.alias()).isEqualTo("dvc");
        assertThat(settings.tokenEndpoint()).isEqualTo(URI.create("https://sso.dichvucong.example/oauth2/token"));
        assertThat(settings.acrValues()).isEqualTo("LoA1");
    }

    @Test
    void requiresTheBaseUrl() {
        assertThatThrownBy(() -> DvcqgIdentityProviderFactory.settings("dvc",
                Map.of(VneidConfig.CLIENT_ID, "c", VneidConfig.CLIENT_SECRET, "s"))).hasMessageContaining("baseUrl");
    }
}
