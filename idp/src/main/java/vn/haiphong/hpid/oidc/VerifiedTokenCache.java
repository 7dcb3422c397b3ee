package vn.haiphong.hpid.oidc;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import vn.haiphong.hpid.keys.SigningKeys;

/**
 * Tokens whose signature this node has already verified, so a token presented again — a
 * resource server introspecting it, or calling userinfo, on each of its own requests —
 * costs a map lookup instead of an RSA verification.
 *
 * <p>
 * Only the signature check is remembered, keyed by the whole token: expiry, type, issuer
 * and revocation are checked by the callers at every use as before. An entry counts only
 * in the realm that verified it, only until the token expires, and only while the key
 * that signed it is still published in that realm (a retired key stops its tokens at
 * once, cached or not). At most {@code capacity} tokens are kept; when full, all are
 * forgotten at once, which costs the next uses one verification each and needs no lock.
 */
final class VerifiedTokenCache<T> {

	private record Entry<T>(String realm, String kid, T verified, Instant expiresAt) {
	}

	private final ConcurrentHashMap<String, Entry<T>> entries = new ConcurrentHashMap<>();

	private final SigningKeys keys;

	private final int capacity;

	private final Clock clock;

	VerifiedTokenCache(SigningKeys keys, int capacity, Clock clock) {
		this.keys = keys;
		this.capacity = capacity;
		this.clock = clock;
	}

	/** What was verified for this token in this realm, if it still counts; else null. */
	T get(String realm, String token) {
		Entry<T> entry = this.entries.get(token);
		if (entry == null) {
			return null;
		}
		if (!this.clock.instant().isBefore(entry.expiresAt())) {
			this.entries.remove(token, entry);
			return null;
		}
		if (!entry.realm().equals(realm)
				|| this.keys.forRealm(realm).published().getKeyByKeyId(entry.kid()) == null) {
			return null;
		}
		return entry.verified();
	}

	/** Remembers a token whose signature was just verified with the realm's key {@code kid}. */
	void put(String realm, String kid, String token, T verified, Instant expiresAt) {
		if (kid == null || expiresAt == null || this.capacity <= 0) {
			return;
		}
		if (this.entries.size() >= this.capacity) {
			this.entries.clear();
		}
		this.entries.put(token, new Entry<>(realm, kid, verified, expiresAt));
	}

}
