package vn.haiphong.hpid.identity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import vn.haiphong.hpid.spi.IdentityKind;
import vn.haiphong.hpid.spi.LevelOfAssurance;

/**
 * The verified identity linked to a person, as last refreshed from its upstream. None of
 * these fields can be edited in hpid: they change only when the upstream says so.
 *
 * @param personalId the 12-digit personal identification number
 * @param provider the alias of the upstream that last vouched for it
 */
public record VerifiedPerson(String realm, String personId, String personalId, String provider, IdentityKind kind,
		Optional<String> fullName, Optional<String> familyName, Optional<String> middleName,
		Optional<String> givenName, Optional<LocalDate> birthdate, Optional<String> gender, LevelOfAssurance level,
		Optional<String> enterpriseTaxCode, Optional<String> enterpriseName, Instant linkedAt, Instant refreshedAt) {

	/** Personal data: only the shape in logs. */
	@Override
	public String toString() {
		return "VerifiedPerson[realm=" + this.realm + ", person=" + this.personId + ", provider=" + this.provider
				+ ", level=" + this.level + "]";
	}

}
