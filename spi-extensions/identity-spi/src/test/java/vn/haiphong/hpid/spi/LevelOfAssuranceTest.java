package vn.haiphong.hpid.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LevelOfAssuranceTest {

    @Test
    void higherLevelSatisfiesLowerAndItself() {
        assertThat(LevelOfAssurance.HIGH.satisfies(LevelOfAssurance.LOW)).isTrue();
        assertThat(LevelOfAssurance.HIGH.satisfies(LevelOfAssurance.HIGH)).isTrue();
        assertThat(LevelOfAssurance.LOW.satisfies(LevelOfAssurance.LOW)).isTrue();
    }

    @Test
    void lowerLevelDoesNotSatisfyHigher() {
        assertThat(LevelOfAssurance.LOW.satisfies(LevelOfAssurance.HIGH)).isFalse();
    }

    @Test
    void acrUrisNameTheDecreeLevels() {
        assertThat(LevelOfAssurance.LOW.acr()).isEqualTo("urn:hpid:acr:vneid:level1");
        assertThat(LevelOfAssurance.HIGH.acr()).isEqualTo("urn:hpid:acr:vneid:level2");
        assertThat(LevelOfAssurance.fromAcr("urn:hpid:acr:vneid:level2")).contains(LevelOfAssurance.HIGH);
        assertThat(LevelOfAssurance.fromAcr("urn:other")).isEmpty();
        assertThat(LevelOfAssurance.lowest()).isEqualTo(LevelOfAssurance.LOW);
    }
}
