package vn.haiphong.hpid.oidc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import vn.haiphong.hpid.identity.VerifiedPerson;
import vn.haiphong.hpid.person.Person;

/**
 * The claims about a person that the granted scopes allow, shared by ID tokens and
 * userinfo so that both always say the same.
 * <ul>
 * <li>{@code profile}: {@code name}; for a verified person, the verified name and its
 * parts in Vietnamese order ({@code family_name}, {@code middle_name},
 * {@code given_name}), {@code birthdate}, {@code gender}, and, for a person acting for an
 * enterprise, {@code enterprise_tax_code} and {@code enterprise_name};</li>
 * <li>{@code email}, {@code phone}: the contact details, never verified by hpid;</li>
 * <li>{@code national_id}: {@code national_id}, the 12-digit personal identification
 * number, only for clients the realm file grants that scope (data minimisation);</li>
 * <li>{@code verified_claims}: the same verified claims wrapped after OpenID Connect for
 * Identity Assurance 1.0, with the trust framework and level they were verified under.</li>
 * </ul>
 */
final class ProfileClaims {

	static final String NATIONAL_ID_SCOPE = "national_id";

	static final String VERIFIED_CLAIMS_SCOPE = "verified_claims";

	/** hpid's name for the legal framework of its levels: Decree 69/2024/NĐ-CP on electronic identification. */
	static final String TRUST_FRAMEWORK = "vn_decree_69_2024";

	private ProfileClaims() {
	}

	/** OpenID Connect for Identity Assurance 1.0 §5: {@code verification} and the {@code claims} it covers. */
	private static Map<String, Object> verifiedClaims(VerifiedPerson v, Set<String> scopes) {
		Map<String, Object> verification = new LinkedHashMap<>();
		verification.put("trust_framework", TRUST_FRAMEWORK);
		verification.put("assurance_level", "level" + v.level().decreeLevel());
		// No "time": the upstream verified the person at a time it does not tell us.
		Map<String, Object> verifiedClaims = new LinkedHashMap<>();
		v.fullName().ifPresent((value) -> verifiedClaims.put("name", value));
		v.familyName().ifPresent((value) -> verifiedClaims.put("family_name", value));
		v.middleName().ifPresent((value) -> verifiedClaims.put("middle_name", value));
		v.givenName().ifPresent((value) -> verifiedClaims.put("given_name", value));
		v.birthdate().ifPresent((value) -> verifiedClaims.put("birthdate", value.toString()));
		v.gender().ifPresent((value) -> verifiedClaims.put("gender", value));
		if (scopes.contains(NATIONAL_ID_SCOPE)) {
			verifiedClaims.put("national_id", v.personalId());
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("verification", verification);
		result.put("claims", verifiedClaims);
		return result;
	}

	static Map<String, Object> of(Person person, Optional<VerifiedPerson> verified, Set<String> scopes) {
		Map<String, Object> claims = new LinkedHashMap<>();
		if (scopes.contains("profile")) {
			if (verified.isPresent() && verified.get().fullName().isPresent()) {
				VerifiedPerson v = verified.get();
				claims.put("name", v.fullName().get());
				v.familyName().ifPresent((value) -> claims.put("family_name", value));
				v.middleName().ifPresent((value) -> claims.put("middle_name", value));
				v.givenName().ifPresent((value) -> claims.put("given_name", value));
			}
			else {
				person.displayName().ifPresent((name) -> claims.put("name", name));
			}
			verified.ifPresent((v) -> {
				v.birthdate().ifPresent((date) -> claims.put("birthdate", date.toString()));
				v.gender().ifPresent((gender) -> claims.put("gender", gender));
				v.enterpriseTaxCode().ifPresent((tax) -> claims.put("enterprise_tax_code", tax));
				v.enterpriseName().ifPresent((name) -> claims.put("enterprise_name", name));
			});
		}
		if (scopes.contains("email")) {
			person.email().ifPresent((email) -> {
				claims.put("email", email);
				claims.put("email_verified", false);
			});
		}
		if (scopes.contains("phone")) {
			person.phone().ifPresent((phone) -> {
				claims.put("phone_number", phone);
				claims.put("phone_number_verified", false);
			});
		}
		if (scopes.contains(NATIONAL_ID_SCOPE)) {
			verified.ifPresent((v) -> claims.put("national_id", v.personalId()));
		}
		if (scopes.contains(VERIFIED_CLAIMS_SCOPE)) {
			verified.ifPresent((v) -> claims.put("verified_claims", verifiedClaims(v, scopes)));
		}
		return claims;
	}

}
