package vn.haiphong.hpid.keycloak.broker;

import java.util.LinkedHashMap;
import java.util.Map;

import vn.haiphong.hpid.spi.Gender;
import vn.haiphong.hpid.spi.VerifiedIdentity;

/**
 * The user attributes a VNeID sign-in vouches for. One place for their names: the provider
 * fills them, the authenticator keys on {@link #PERSONAL_ID_NUMBER}, the mappers copy them.
 */
public final class IdentityAttributes {

    public static final String PERSONAL_ID_NUMBER = "personal_id_number";
    public static final String FULL_NAME = "full_name";
    public static final String BIRTH_DATE = "birth_date";
    public static final String GENDER = "gender";
    public static final String LEVEL = "vneid_level";

    private IdentityAttributes() {
    }

    /** Attribute name → value, only for what the upstream sent; ISO dates, {@code male}/{@code female}, level 1 or 2. */
    public static Map<String, String> of(VerifiedIdentity identity) {
        Map<String, String> attributes = new LinkedHashMap<>();
        identity.personalId().ifPresent(pid -> attributes.put(PERSONAL_ID_NUMBER, pid.value()));
        identity.name().ifPresent(name -> attributes.put(FULL_NAME, name.fullName()));
        identity.birthDate().ifPresent(date -> attributes.put(BIRTH_DATE, date.toString()));
        identity.gender().ifPresent(g -> attributes.put(GENDER, g == Gender.MALE ? "male" : "female"));
        attributes.put(LEVEL, String.valueOf(identity.level().decreeLevel()));
        return attributes;
    }
}
