package vn.haiphong.hpid.spi;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an upstream provider vouched for after a successful sign-in. {@code upstreamSubject}
 * is the provider's stable key for the account (the personal ID number for citizens, the
 * tax code for enterprises, the TechID for organisations), never a provider's opaque
 * {@code sub} that may change between contracts.
 *
 * @param enterprise present when a person signs in on behalf of an enterprise
 * @param rawClaims  the decoded upstream claims, for audit and for mapping rules added later
 */
public record VerifiedIdentity(
        IdentityKind kind,
        Optional<PersonalIdNumber> personalId,
        Optional<VietnameseName> name,
        Optional<LocalDate> birthDate,
        Optional<Gender> gender,
        LevelOfAssurance level,
        String providerAlias,
        String upstreamSubject,
        Optional<Enterprise> enterprise,
        Optional<String> organisationId,
        Map<String, Object> rawClaims) {

    /** An enterprise a person acts for: its tax code (mã số thuế) and registered name. */
    public record Enterprise(String taxCode, Optional<String> name) {
        public Enterprise {
            if (taxCode == null || taxCode.isBlank()) {
                throw new IllegalArgumentException("an enterprise is identified by its tax code");
            }
            Objects.requireNonNull(name, "name");
        }
    }

    public VerifiedIdentity {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(personalId, "personalId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(organisationId, "organisationId");
        if (providerAlias == null || providerAlias.isBlank()) {
            throw new IllegalArgumentException("providerAlias must not be blank");
        }
        if (upstreamSubject == null || upstreamSubject.isBlank()) {
            throw new IllegalArgumentException("upstreamSubject must not be blank");
        }
        if (kind == IdentityKind.ENTERPRISE && enterprise.isEmpty()) {
            throw new IllegalArgumentException("an enterprise identity needs the enterprise's tax code");
        }
        if (kind == IdentityKind.ORGANISATION && organisationId.isEmpty()) {
            throw new IllegalArgumentException("an organisation identity needs its organisation id");
        }
        // Upstream JSON may hold null values, which Map.copyOf refuses.
        rawClaims = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(rawClaims, "rawClaims")));
    }

    public static Builder builder(IdentityKind kind, String providerAlias, String upstreamSubject) {
        return new Builder(kind, providerAlias, upstreamSubject);
    }

    /** Only non-personal fields: this record is full of personal data and must be safe to log by accident. */
    @Override
    public String toString() {
        return "VerifiedIdentity[kind=" + kind + ", provider=" + providerAlias + ", level=" + level
                + ", personalId=" + personalId.map(PersonalIdNumber::masked).orElse("none") + "]";
    }

    /** Connectors fill identities field by field; the builder keeps that readable. */
    public static final class Builder {
        private final IdentityKind kind;
        private final String providerAlias;
        private final String upstreamSubject;
        private PersonalIdNumber personalId;
        private VietnameseName name;
        private LocalDate birthDate;
        private Gender gender;
        private LevelOfAssurance level = LevelOfAssurance.lowest();
        private Enterprise enterprise;
        private String organisationId;
        private Map<String, Object> rawClaims = Map.of();

        private Builder(IdentityKind kind, String providerAlias, String upstreamSubject) {
            this.kind = kind;
            this.providerAlias = providerAlias;
            this.upstreamSubject = upstreamSubject;
        }

        public Builder personalId(PersonalIdNumber personalId) { this.personalId = personalId; return this; }
        public Builder name(VietnameseName name) { this.name = name; return this; }
        public Builder birthDate(LocalDate birthDate) { this.birthDate = birthDate; return this; }
        public Builder gender(Gender gender) { this.gender = gender; return this; }
        public Builder level(LevelOfAssurance level) { this.level = level; return this; }
        public Builder enterprise(Enterprise enterprise) { this.enterprise = enterprise; return this; }
        public Builder organisationId(String organisationId) { this.organisationId = organisationId; return this; }
        public Builder rawClaims(Map<String, Object> rawClaims) { this.rawClaims = rawClaims; return this; }

        public VerifiedIdentity build() {
            return new VerifiedIdentity(kind, Optional.ofNullable(personalId), Optional.ofNullable(name),
                    Optional.ofNullable(birthDate), Optional.ofNullable(gender), level, providerAlias,
                    upstreamSubject, Optional.ofNullable(enterprise), Optional.ofNullable(organisationId), rawClaims);
        }
    }
}
