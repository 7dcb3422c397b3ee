package vn.haiphong.hpid.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Year;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class VerifiedIdentityTest {

    private static final PersonalIdNumber PID = PersonalIdNumber.parse("031085001289", Year.of(2026));

    @Test
    void toStringShowsNeitherTheNumberNorTheNameNorTheClaims() {
        VerifiedIdentity identity = VerifiedIdentity.builder(IdentityKind.CITIZEN, "vneid", PID.value())
                .personalId(PID).name(VietnameseName.parse("Nguyễn Văn An"))
                .rawClaims(Map.of("citizenPid", PID.value())).build();

        assertThat(identity.toString()).doesNotContain("031085001289").doesNotContain("Nguyễn").contains("031*******89");
    }

    @Test
    void enterpriseIdentityRequiresTheEnterprise() {
        assertThatThrownBy(() -> VerifiedIdentity.builder(IdentityKind.ENTERPRISE, "dvcqg", "0201234567").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void organisationIdentityRequiresItsId() {
        assertThatThrownBy(() -> VerifiedIdentity.builder(IdentityKind.ORGANISATION, "dvcqg", "T-1").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rawClaimsAreCopiedAndMayHoldNulls() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("email", null);
        VerifiedIdentity identity = VerifiedIdentity.builder(IdentityKind.CITIZEN, "vneid", PID.value())
                .rawClaims(claims).build();
        claims.put("later", "x");

        assertThat(identity.rawClaims()).containsOnlyKeys("email");
        assertThatThrownBy(() -> identity.rawClaims().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownLevelDefaultsToTheLowest() {
        assertThat(VerifiedIdentity.builder(IdentityKind.CITIZEN, "vneid", "s").build().level())
                .isEqualTo(LevelOfAssurance.LOW);
    }
}
