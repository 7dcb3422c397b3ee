package vn.haiphong.hpid.admin.people;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import vn.haiphong.hpid.identity.LegacyPersonalIdClaims;
import vn.haiphong.hpid.identity.LegacyPersonalIdClaims.Claim;
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

	/** How many other accounts claiming a person's number the detail lists. */
	private static final int MAX_CLAIMANTS = 20;

	private final VerifiedIdentities identities;

	private final LegacyPersonalIdClaims legacyClaims;

	private final OtpCredentials otp;

	private final LoginThrottle throttle;

	PersonViews(VerifiedIdentities identities, LegacyPersonalIdClaims legacyClaims, OtpCredentials otp,
			LoginThrottle throttle) {
		this.identities = identities;
		this.legacyClaims = legacyClaims;
		this.otp = otp;
		this.throttle = throttle;
	}

	/**
	 * A person in search results. {@code legacyNationalId}: the unverified number a legacy
	 * system held about the account, masked like {@code nationalId}.
	 */
	record PersonView(String id, String displayName, String email, String phone, String status, String nationalId,
			boolean nationalIdMasked, Instant createdAt, String legacyNationalId) {
	}

	/**
	 * The personal ID number a legacy system held about an imported account: never
	 * verified, and what the person's verified identity said about it ({@code check}).
	 */
	record LegacyClaimView(String nationalId, String source, Instant recordedAt, String check, Instant checkedAt) {
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

	/**
	 * One person with everything an administrator looks at. {@code legacyClaimants}: the
	 * other accounts whose legacy records claimed this person's verified number, which are
	 * likely the same human (the import never links them).
	 */
	record PersonDetail(String id, String displayName, String email, String phone, String status, String nationalId,
			boolean nationalIdMasked, Instant createdAt, List<LinkView> links, CredentialsView credentials,
			boolean locked, long lockedForSeconds, LegacyClaimView legacyPersonalId, List<String> legacyClaimants) {
	}

	PersonView summary(Person person, boolean unmasked) {
		Optional<VerifiedPerson> verified = this.identities.findByPerson(person.realm(), person.id());
		return new PersonView(person.id(), displayName(person, verified), person.email().orElse(null),
				person.phone().orElse(null), person.status().name(),
				verified.map((v) -> number(v.personalId(), unmasked)).orElse(null), !unmasked, person.createdAt(),
				this.legacyClaims.findByPerson(person.realm(), person.id())
					.map((c) -> number(c.personalId(), unmasked))
					.orElse(null));
	}

	PersonDetail detail(Person person, boolean unmasked) {
		Optional<VerifiedPerson> verified = this.identities.findByPerson(person.realm(), person.id());
		List<LinkView> links = new ArrayList<>();
		verified.ifPresent((v) -> links.add(link(v, unmasked)));
		Optional<Instant> otpEnrolledAt = this.otp.enrolledAt(person.id());
		Duration wait = lockedFor(person);
		LegacyClaimView legacy = this.legacyClaims.findByPerson(person.realm(), person.id())
			.map((c) -> legacyClaim(c, unmasked))
			.orElse(null);
		List<String> claimants = verified
			.map((v) -> this.legacyClaims.findByPersonalId(person.realm(), v.personalId(), MAX_CLAIMANTS + 1)
				.stream()
				.map(Claim::personId)
				.filter((id) -> !id.equals(person.id()))
				.limit(MAX_CLAIMANTS)
				.toList())
			.orElse(List.of());
		return new PersonDetail(person.id(), displayName(person, verified), person.email().orElse(null),
				person.phone().orElse(null), person.status().name(),
				verified.map((v) -> number(v.personalId(), unmasked)).orElse(null), !unmasked, person.createdAt(),
				links,
				new CredentialsView(new PasswordView(person.passwordHash().isPresent()),
						new OtpView(otpEnrolledAt.isPresent(), otpEnrolledAt.orElse(null))),
				!wait.isZero(), (wait.toMillis() + 999) / 1000, legacy, claimants);
	}

	static LegacyClaimView legacyClaim(Claim claim, boolean unmasked) {
		return new LegacyClaimView(number(claim.personalId(), unmasked), claim.source(), claim.recordedAt(),
				claim.check().name(), claim.checkedAt());
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
