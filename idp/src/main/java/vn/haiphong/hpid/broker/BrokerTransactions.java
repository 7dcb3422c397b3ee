package vn.haiphong.hpid.broker;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import vn.haiphong.hpid.security.Hashes;
import vn.haiphong.hpid.spi.LevelOfAssurance;
import vn.haiphong.hpid.spi.Transaction;
import vn.haiphong.hpid.store.EphemeralStore;

/**
 * Upstream sign-ins in progress, in the ephemeral store under the SHA-256 of their
 * {@code state}: single use (taken, not read), bound to the browser that started them by
 * a cookie whose hash they keep, and tied to the login transaction they will complete.
 */
final class BrokerTransactions {

	/** A bit longer than any connector's transaction lifetime, so the connector reports the expiry itself. */
	private static final Duration MARGIN = Duration.ofMinutes(5);

	private final EphemeralStore store;

	private final JsonMapper json;

	BrokerTransactions(EphemeralStore store, JsonMapper json) {
		this.store = store;
		this.json = json;
	}

	/**
	 * What is kept between the redirect to the upstream and its callback.
	 * @param browserBinding SHA-256 of the cookie set in the browser that started it
	 * @param linkPersonId the signed-in account whose owner asked to link it, if any
	 * @param linkSid that account's SSO session, which must still be the browser's at the callback
	 */
	record Pending(String realm, String alias, String loginTx, String state, String codeVerifier, String nonce,
			String requestedLevel, String callbackUri, Instant createdAt, String browserBinding, String linkPersonId,
			String linkSid) {

		Transaction transaction() {
			return new Transaction(this.alias, this.state, Optional.ofNullable(this.codeVerifier),
					Optional.ofNullable(this.nonce), LevelOfAssurance.valueOf(this.requestedLevel),
					URI.create(this.callbackUri), this.createdAt);
		}

		/** No secrets in logs. */
		@Override
		public String toString() {
			return "Pending[realm=" + this.realm + ", alias=" + this.alias + "]";
		}

	}

	/** Stores the transaction; returns the browser-binding cookie value to set. */
	String save(String realm, String loginTx, Transaction transaction, Duration lifetime, String linkPersonId,
			String linkSid) {
		String binding = Hashes.randomToken(32);
		Pending pending = new Pending(realm, transaction.providerAlias(), loginTx, transaction.state(),
				transaction.codeVerifier().orElse(null), transaction.nonce().orElse(null),
				transaction.requestedLevel().name(), transaction.callbackUri().toString(), transaction.createdAt(),
				Hashes.sha256(binding), linkPersonId, linkSid);
		this.store.put(key(transaction.state()), this.json.writeValueAsString(pending), lifetime.plus(MARGIN));
		return binding;
	}

	/** The transaction of this state, removed so that a replayed callback finds nothing. */
	Optional<Pending> take(String state) {
		if (state == null || state.isEmpty() || state.length() > 512) {
			return Optional.empty();
		}
		return this.store.take(key(state)).map((value) -> this.json.readValue(value, Pending.class));
	}

	private static String key(String state) {
		return "broker-tx:" + Hashes.sha256(state);
	}

}
