package vn.haiphong.hpid.spi;

/**
 * Gender as recorded in the national population database. The personal ID number
 * encodes it in its fourth digit (even male, odd female), so no third value exists
 * upstream; a connector that cannot tell leaves the field empty instead.
 */
public enum Gender {
    MALE,
    FEMALE
}
