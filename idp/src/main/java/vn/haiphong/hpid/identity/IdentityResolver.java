package vn.haiphong.hpid.identity;

import java.util.Optional;

import org.springframework.transaction.support.TransactionTemplate;

import vn.haiphong.hpid.person.Person;
import vn.haiphong.hpid.person.PersonStore;
import vn.haiphong.hpid.spi.PersonalIdNumber;
import vn.haiphong.hpid.spi.VerifiedIdentity;

/**
 * Decides which person a verified sign-in is. The rules, each with its own test
 * ({@code IdentityResolverTest}):
 * <ol>
 * <li>a personal ID number already linked gives that person, so the same {@code sub};</li>
 * <li>an unknown number creates a new, verified person;</li>
 * <li>a local account is linked only at its owner's request: {@code linkTo} is set only
 * when that account was signed in, in the same browser, when the sign-in started;</li>
 * <li>nothing is ever matched by e-mail, phone number or name: this class does not even
 * read them;</li>
 * <li>a number belongs to at most one person per realm; linking someone else's is refused
 * and recorded for administrators;</li>
 * <li>the verified attributes are replaced with the upstream's at every sign-in;</li>
 * <li>a personal ID number that a legacy system held about a linked account is compared
 * with the verified one, and the result kept for administrators; it decides nothing.</li>
 * </ol>
 */
public class IdentityResolver {

	private final VerifiedIdentities identities;

	private final LinkConflicts conflicts;

	private final PersonStore people;

	private final LegacyPersonalIdClaims legacyClaims;

	private final TransactionTemplate transactions;

	public IdentityResolver(VerifiedIdentities identities, LinkConflicts conflicts, PersonStore people,
			LegacyPersonalIdClaims legacyClaims, TransactionTemplate transactions) {
		this.identities = identities;
		this.conflicts = conflicts;
		this.people = people;
		this.legacyClaims = legacyClaims;
		this.transactions = transactions;
	}

	/**
	 * @param linkTo the local account whose owner asked to link it, if any
	 * @param ipAddress recorded with a refused link
	 */
	public Resolution resolve(String realm, VerifiedIdentity identity, Optional<String> linkTo, String ipAddress) {
		Optional<PersonalIdNumber> personalId = identity.personalId();
		if (personalId.isEmpty()) {
			return new Resolution.Refused(Resolution.Reason.NO_PERSONAL_ID);
		}
		try {
			return resolveOnce(realm, identity, personalId.get(), linkTo, ipAddress);
		}
		catch (VerifiedIdentities.AlreadyLinkedException raced) {
			// Another sign-in linked the number between our read and our write: decide again on what won.
			return resolveOnce(realm, identity, personalId.get(), linkTo, ipAddress);
		}
	}

	private Resolution resolveOnce(String realm, VerifiedIdentity identity, PersonalIdNumber personalId,
			Optional<String> linkTo, String ipAddress) {
		Optional<VerifiedPerson> holder = this.identities.findByPersonalId(realm, personalId);
		if (linkTo.isPresent()) {
			return link(realm, identity, personalId, linkTo.get(), holder, ipAddress);
		}
		if (holder.isPresent()) {
			this.identities.refresh(realm, holder.get().personId(), identity);
			return new Resolution.SignedIn(holder.get().personId(), Resolution.Outcome.EXISTING);
		}
		String created = this.transactions.execute((status) -> {
			Person person = this.people.createVerified(realm, identity.name().map((n) -> n.fullName()));
			this.identities.link(realm, person.id(), identity);
			return person.id();
		});
		return new Resolution.SignedIn(created, Resolution.Outcome.CREATED);
	}

	private Resolution link(String realm, VerifiedIdentity identity, PersonalIdNumber personalId, String personId,
			Optional<VerifiedPerson> holder, String ipAddress) {
		if (holder.isPresent()) {
			if (holder.get().personId().equals(personId)) {
				this.identities.refresh(realm, personId, identity);
				return new Resolution.SignedIn(personId, Resolution.Outcome.EXISTING);
			}
			this.conflicts.record(realm, personId, holder.get().personId(), identity.providerAlias(),
					personalId.masked(), ipAddress);
			return new Resolution.Refused(Resolution.Reason.BELONGS_TO_SOMEONE_ELSE);
		}
		if (this.identities.findByPerson(realm, personId).isPresent()) {
			return new Resolution.Refused(Resolution.Reason.ACCOUNT_ALREADY_VERIFIED);
		}
		// One transaction, so that a link is never left without its claim's check.
		LegacyPersonalIdClaims.Check legacyClaim = this.transactions.execute((status) -> {
			this.identities.link(realm, personId, identity);
			return this.legacyClaims.check(realm, personId, personalId);
		});
		return new Resolution.SignedIn(personId, Resolution.Outcome.LINKED, legacyClaim);
	}

	/**
	 * Removes a person's verified identity. The person keeps their {@code sub} and local
	 * credentials; a new link needs a new sign-in at the upstream. The caller has
	 * re-authenticated the person and records the audit event.
	 */
	public boolean unlink(String realm, String personId) {
		return this.identities.unlink(realm, personId);
	}

}
