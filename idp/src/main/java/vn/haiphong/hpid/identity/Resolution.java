package vn.haiphong.hpid.identity;

/** What identity resolution decided for one verified sign-in. */
public sealed interface Resolution {

	/**
	 * Sign in as this person.
	 * @param legacyClaim for a link, what the verified number said about the personal ID
	 * number a legacy system held about the account; {@code UNCHECKED} otherwise
	 */
	record SignedIn(String personId, Outcome outcome, LegacyPersonalIdClaims.Check legacyClaim) implements Resolution {

		public SignedIn(String personId, Outcome outcome) {
			this(personId, outcome, LegacyPersonalIdClaims.Check.UNCHECKED);
		}

	}

	/** Nothing was linked or created; the person sees why. */
	record Refused(Reason reason) implements Resolution {
	}

	enum Outcome {

		/** The personal ID number was already linked to this person (rule 1). */
		EXISTING,
		/** A new verified person was created for an unknown number (rule 2). */
		CREATED,
		/** The signed-in owner of a local account linked it to this identity (rule 3). */
		LINKED

	}

	enum Reason {

		/** The number belongs to another person of the realm (rule 5). */
		BELONGS_TO_SOMEONE_ELSE,
		/** The account to link already holds a different verified identity. */
		ACCOUNT_ALREADY_VERIFIED,
		/** The upstream vouched for no personal ID number, and people are keyed on it. */
		NO_PERSONAL_ID

	}

}
