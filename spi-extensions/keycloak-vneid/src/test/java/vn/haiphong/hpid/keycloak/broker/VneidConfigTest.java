package vn.haiphong.hpid.keycloak.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.haiphong.hpid.spi.LevelOfAssurance;
import vn.haiphong.hpid.vneid.VneidSettings;

class VneidConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> config = new HashMap<>();
        config.put(VneidConfig.AUTHORIZATION_URL, "https://vneid.example/oauth/authorize");
        config.put(VneidConfig.TOKEN_URL, "https://vneid.example/oauth/token");
        config.put(VneidConfig.USERINFO_URL, "https://vneid.example/oauth/userinfo");
        config.put(VneidConfig.CLIENT_ID, "client");
        config.put(VneidConfig.CLIENT_SECRET, "secret");
        return config;
    }

    @Test
    void keepsTheObservedVneidDefaultsWhenFieldsAreEmpty() {
        Map<String, String> config = minimal();
        config.put(VneidConfig.CLAIM_PERSONAL_ID, "");
        VneidSettings settings = VneidConfig.settings("vneid", config);
        assertThat(settings.claims()).isEqualTo(VneidSettings.ClaimNames.defaults());
        assertThat(settings.scope()).isEqualTo("openid");
        assertThat(settings.usePkce()).isTrue();
        assertThat(settings.levelMapping()).containsEntry("2", LevelOfAssurance.HIGH).containsEntry("1", LevelOfAssurance.LOW);
        assertThat(settings.http().readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(VneidConfig.minimumLevel(config)).isEqualTo(LevelOfAssurance.LOW);
    }

    @Test
    void readsClaimNamesLevelMappingAndTimeouts() {
        Map<String, String> config = minimal();
        config.put(VneidConfig.CLAIM_LEVEL, "IAL");
        config.put(VneidConfig.LEVEL_MAPPING, "IAL1:1, IAL2:2");
        config.put(VneidConfig.READ_TIMEOUT_MS, "1500");
        config.put(VneidConfig.USE_PKCE, "false");
        config.put(VneidConfig.MINIMUM_LEVEL, "2");
        VneidSettings settings = VneidConfig.settings("vneid", config);
        assertThat(settings.claims().level()).isEqualTo("IAL");
        assertThat(settings.levelMapping()).containsEntry("IAL2", LevelOfAssurance.HIGH).hasSize(2);
        assertThat(settings.http().readTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.usePkce()).isFalse();
        assertThat(VneidConfig.minimumLevel(config)).isEqualTo(LevelOfAssurance.HIGH);
    }

    @Test
    void rejectsAMissingEndpointByName() {
        Map<String, String> config = minimal();
        config.remove(VneidConfig.TOKEN_URL);
        assertThatThrownBy(() -> VneidConfig.settings("vneid", config)).hasMessageContaining(VneidConfig.TOKEN_URL);
    }

    @Test
    void rejectsALevelMappingToAnUnknownLevel() {
        assertThatThrownBy(() -> VneidConfig.levelMapping("1:3")).hasMessageContaining("level must be 1 or 2");
        assertThatThrownBy(() -> VneidConfig.levelMapping("nolevel")).hasMessageContaining("upstreamValue:level");
    }
}
