package vn.haiphong.hpid.secondfactor;

import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.store.EphemeralStore;

/**
 * Decides, after a right password, whether a second step is due, and where the browser
 * goes for it: the code page when the account has an authenticator, the enrolment page
 * when the realm requires one and the account has none.
 */
public final class SecondFactorStep {

	private final OtpCredentials credentials;

	private final EphemeralStore store;

	private final JsonMapper json;

	public SecondFactorStep(OtpCredentials credentials, EphemeralStore store, JsonMapper json) {
		this.credentials = credentials;
		this.store = store;
		this.json = json;
	}

	/** The path to send the browser to, or empty when the sign-in is complete. */
	public Optional<String> due(Realm realm, String tx, String personId) {
		boolean enrolled = this.credentials.enrolled(personId);
		if (!enrolled && realm.secondFactor() != Realm.SecondFactorPolicy.REQUIRED) {
			return Optional.empty();
		}
		if (!enrolled) {
			this.credentials.begin(realm.name(), personId);
		}
		this.store.put(SecondFactorController.pendingKey(tx),
				this.json.writeValueAsString(new SecondFactorController.Pending(personId, !enrolled)),
				SecondFactorController.pendingLifetime());
		return Optional.of("/realms/" + realm.name() + (enrolled ? "/login/otp?tx=" : "/login/otp-setup?tx=") + tx);
	}

}
