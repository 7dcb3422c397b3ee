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
 * number, only for clients the realm file grants that scope (data minimisation).</li>
 * </ul>
 */
final class ProfileClaims {

	static final String NATIONAL_ID_SCOPE = "national_id";

	private ProfileClaims() {
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
		return claims;
	}

}
