package vn.haiphong.hpid.admin.people;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import vn.haiphong.hpid.identity.VerifiedIdentities;
import vn.haiphong.hpid.identity.VerifiedPerson;
import vn.haiphong.hpid.login.LoginThrottle;
import vn.haiphong.hpid.person.Person;
import vn.haiphong.hpid.secondfactor.OtpCredentials;
import vn.haiphong.hpid.spi.PersonalIdNumber;

/**
 * People as the admin API shows them. The personal ID number is masked unless the
 * administrator may see it in full (realm-admin, super-admin, personal-id-viewer): the
 * decision is the caller's, the masking is here, in one place.
 */
final class PersonViews {

	private final VerifiedIdentities identities;

	private final OtpCredentials otp;

	private final LoginThrottle throttle;

	PersonViews(VerifiedIdentities identities, OtpCredentials otp, LoginThrottle throttle) {
		this.identities = identities;
		this.otp = otp;
		this.throttle = throttle;
	}

	/** A person in search results. */
	record PersonView(String id, String displayName, String email, String phone, String status, String nationalId,
			boolean nationalIdMasked, Instant createdAt) {
	}

	/** A linked verified identity; its id is the upstream's alias (a person has at most one). */
	record LinkView(String id, String provider, String kind, String level, String nationalId, String fullName,
			LocalDate birthdate, Instant linkedAt, Instant refreshedAt) {
	}

	record PasswordView(boolean set) {
	}

	record OtpView(boolean enrolled, Instant enrolledAt) {
	}

	record CredentialsView(PasswordView password, OtpView otp) {
	}

	/** One person with everything an administrator looks at. */
	record PersonDetail(String id, String displayName, String email, String phone, String status, String nationalId,
			boolean nationalIdMasked, Instant createdAt, List<LinkView> links, CredentialsView credentials,
			boolean locked, long lockedForSeconds) {
	}

	PersonView summary(Person person, boolean unmasked) {
		Optional<VerifiedPerson> verified = this.identities.findByPerson(person.realm(), person.id());
		return new PersonView(person.id(), displayName(person, verified), person.email().orElse(null),
				person.phone().orElse(null), person.status().name(),
				verified.map((v) -> number(v.personalId(), unmasked)).orElse(null), !unmasked, person.createdAt());
	}

	PersonDetail detail(Person person, boolean unmasked) {
		Optional<VerifiedPerson> verified = this.identities.findByPerson(person.realm(), person.id());
		List<LinkView> links = new ArrayList<>();
		verified.ifPresent((v) -> links.add(link(v, unmasked)));
		Optional<Instant> otpEnrolledAt = this.otp.enrolledAt(person.id());
		Duration wait = lockedFor(person);
		return new PersonDetail(person.id(), displayName(person, verified), person.email().orElse(null),
				person.phone().orElse(null), person.status().name(),
				verified.map((v) -> number(v.personalId(), unmasked)).orElse(null), !unmasked, person.createdAt(),
				links,
				new CredentialsView(new PasswordView(person.passwordHash().isPresent()),
						new OtpView(otpEnrolledAt.isPresent(), otpEnrolledAt.orElse(null))),
				!wait.isZero(), (wait.toMillis() + 999) / 1000);
	}

	LinkView link(VerifiedPerson verified, boolean unmasked) {
		return new LinkView(verified.provider(), verified.provider(), verified.kind().name(), verified.level().name(),
				number(verified.personalId(), unmasked), verified.fullName().orElse(null),
				unmasked ? verified.birthdate().orElse(null) : null, verified.linkedAt(), verified.refreshedAt());
	}

	/** How long the sign-in throttle makes the person's account wait, by e-mail or phone. */
	Duration lockedFor(Person person) {
		Duration longest = Duration.ZERO;
		for (String account : accounts(person)) {
			Duration wait = this.throttle.accountWait(person.realm(), account);
			if (wait.compareTo(longest) > 0) {
				longest = wait;
			}
		}
		return longest;
	}

	/** The names the person signs in with, which the throttle counts failures under. */
	static List<String> accounts(Person person) {
		List<String> accounts = new ArrayList<>();
		person.email().ifPresent(accounts::add);
		person.phone().ifPresent(accounts::add);
		return accounts;
	}

	static String number(String personalId, boolean unmasked) {
		if (unmasked) {
			return personalId;
		}
		try {
			return PersonalIdNumber.parse(personalId).masked();
		}
		catch (RuntimeException ex) {
			// Stored numbers were checked when linked; mask by hand if the rules changed since.
			return personalId.length() < 6 ? "******"
					: personalId.substring(0, 3) + "*".repeat(personalId.length() - 5)
							+ personalId.substring(personalId.length() - 2);
		}
	}

	private static String displayName(Person person, Optional<VerifiedPerson> verified) {
		return person.displayName().or(() -> verified.flatMap(VerifiedPerson::fullName)).orElse(null);
	}

}
