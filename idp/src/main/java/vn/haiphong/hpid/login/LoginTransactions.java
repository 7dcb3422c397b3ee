package vn.haiphong.hpid.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import vn.haiphong.hpid.security.Hashes;
import vn.haiphong.hpid.store.EphemeralStore;

/**
 * A sign-in in progress: which authorization request to resume once the person is
 * signed in. Kept in the ephemeral store, so the sign-in may finish on any node.
 */
public final class LoginTransactions {

	static final Duration LIFETIME = Duration.ofMinutes(30);

	private static final Duration DONE_MARKER_LIFETIME = Duration.ofMinutes(2);

	private final EphemeralStore store;

	private final JsonMapper json;

	private final Clock clock;

	public LoginTransactions(EphemeralStore store, JsonMapper json, Clock clock) {
		this.store = store;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * @param continueTo the authorization request to resume (path and query)
	 * @param loginHint what the app suggested as the identifier, if anything
	 */
	public record LoginTransaction(String id, String realm, String continueTo, String loginHint, Instant createdAt) {
	}

	LoginTransaction start(String realm, String continueTo, String loginHint) {
		LoginTransaction transaction = new LoginTransaction(Hashes.randomToken(24), realm, continueTo, loginHint,
				this.clock.instant());
		this.store.put(key(transaction.id()), this.json.writeValueAsString(transaction), LIFETIME);
		return transaction;
	}

	public Optional<LoginTransaction> find(String realm, String id) {
		if (id == null || id.length() > 64) {
			return Optional.empty();
		}
		return this.store.get(key(id))
			.map((value) -> this.json.readValue(value, LoginTransaction.class))
			.filter((transaction) -> transaction.realm().equals(realm));
	}

	/**
	 * Ends the transaction after a successful sign-in and leaves a short-lived marker
	 * that lets the resumed request pass a {@code prompt=login} or {@code max_age} check
	 * once.
	 */
	public String complete(LoginTransaction transaction, String sid) {
		this.store.delete(key(transaction.id()));
		this.store.put(doneKey(transaction.id()), sid, DONE_MARKER_LIFETIME);
		String separator = transaction.continueTo().contains("?") ? "&" : "?";
		return transaction.continueTo() + separator + ReauthenticationFilter.LOGIN_MARKER + "=" + transaction.id();
	}

	/** Whether a fresh sign-in in session {@code sid} completed transaction {@code id}. */
	boolean consumeFreshLogin(String id, String sid) {
		return id != null && id.length() <= 64
				&& this.store.take(doneKey(id)).map((value) -> value.equals(sid)).orElse(false);
	}

	private static String key(String id) {
		return "login-tx:" + id;
	}

	private static String doneKey(String id) {
		return "login-done:" + id;
	}

}
