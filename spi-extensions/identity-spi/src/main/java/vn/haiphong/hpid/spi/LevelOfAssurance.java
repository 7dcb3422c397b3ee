package vn.haiphong.hpid.spi;

import java.util.Optional;

/**
 * Identity levels of Decree 69/2024/NĐ-CP. Level 1 is an account with basic identity data;
 * level 2 was verified in person against the chip ID card and biometrics.
 *
 * <p>Declared from lowest to highest: {@link #satisfies} relies on that order.
 */
public enum LevelOfAssurance {
    LOW(1, "urn:hpid:acr:vneid:level1"),
    HIGH(2, "urn:hpid:acr:vneid:level2");

    private final int decreeLevel;
    private final String acr;

    LevelOfAssurance(int decreeLevel, String acr) {
        this.decreeLevel = decreeLevel;
        this.acr = acr;
    }

    /** The level number of Decree 69/2024 (1 or 2). */
    public int decreeLevel() {
        return decreeLevel;
    }

    /** The {@code acr} value hpid puts in its own tokens for this level. */
    public String acr() {
        return acr;
    }

    /** True when this level is at least as strong as {@code required}. */
    public boolean satisfies(LevelOfAssurance required) {
        if (required == null) {
            throw new IllegalArgumentException("required level must not be null");
        }
        return compareTo(required) >= 0;
    }

    /** The weakest level: what an unknown or missing upstream level must count as. */
    public static LevelOfAssurance lowest() {
        return LOW;
    }

    /** The level named by one of our own {@code acr} URIs, if it is one. */
    public static Optional<LevelOfAssurance> fromAcr(String acr) {
        for (LevelOfAssurance level : values()) {
            if (level.acr.equals(acr)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
