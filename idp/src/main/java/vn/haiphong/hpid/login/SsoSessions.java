package vn.haiphong.hpid.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseCookie;

import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.security.Hashes;
import vn.haiphong.hpid.store.EphemeralStore;

/**
 * SSO sessions in the ephemeral store, reached through a per-realm cookie. No HTTP
 * session is involved, so any node can serve any request.
 */
public final class SsoSessions {

	static final String COOKIE = "HPID_SSO";

	private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

	private final EphemeralStore store;

	private final JsonMapper json;

	private final Clock clock;

	public SsoSessions(EphemeralStore store, JsonMapper json, Clock clock) {
		this.store = store;
		this.json = json;
		this.clock = clock;
	}

	/** Starts a session and sets its cookie; returns the signed-in person. */
	public PersonAuthentication start(Realm realm, String personId, String acr, List<String> amr, boolean secure,
			HttpServletResponse response) {
		Instant now = this.clock.instant();
		String cookieValue = Hashes.randomToken(32);
		SsoSession session = new SsoSession(Hashes.randomToken(16), realm.name(), personId, now, acr, amr, now);
		Duration ttl = realm.sessions().idleTimeout();
		this.store.put(key(cookieValue), this.json.writeValueAsString(new Stored(session, now)), ttl);
		this.store.put(sidKey(session.sid()), Hashes.sha256(cookieValue), realm.sessions().absoluteTimeout());
		index(realm, personId, session.sid());
		response.addHeader("Set-Cookie", cookie(realm.name(), cookieValue, secure, null).toString());
		return session.toAuthentication();
	}

	/** The live session of this realm that the request's cookie points to. */
	Optional<PersonAuthentication> find(HttpServletRequest request, Realm realm) {
		String cookieValue = cookieValue(request);
		if (cookieValue == null) {
			return Optional.empty();
		}
		String key = key(cookieValue);
		Optional<String> raw = this.store.get(key);
		if (raw.isEmpty()) {
			return Optional.empty();
		}
		Stored stored = this.json.readValue(raw.get(), Stored.class);
		SsoSession session = stored.session();
		Instant now = this.clock.instant();
		if (!session.realm().equals(realm.name())
				|| now.isAfter(session.createdAt().plus(realm.sessions().absoluteTimeout()))) {
			return Optional.empty();
		}
		if (now.isAfter(stored.touchedAt().plus(TOUCH_INTERVAL))) {
			// Extend the idle timeout at most once a minute: one write, not one per request.
			this.store.put(key, this.json.writeValueAsString(new Stored(session, now)),
					realm.sessions().idleTimeout());
		}
		return Optional.of(session.toAuthentication());
	}

	/** Ends the session the request's cookie points to, and clears the cookie. */
	public Optional<String> end(HttpServletRequest request, HttpServletResponse response, Realm realm,
			boolean secure) {
		String cookieValue = cookieValue(request);
		response.addHeader("Set-Cookie", cookie(realm.name(), "", secure, Duration.ZERO).toString());
		if (cookieValue == null) {
			return Optional.empty();
		}
		Optional<String> raw = this.store.take(key(cookieValue));
		return raw.map((value) -> {
			SsoSession session = this.json.readValue(value, Stored.class).session();
			this.store.delete(sidKey(session.sid()));
			return session.sid();
		});
	}

	/** A live session as an administrator sees it. */
	public record SessionInfo(String sid, Instant authTime, String acr, List<String> amr, Instant createdAt) {
	}

	/**
	 * The person's live sessions in the realm, from the per-person index (entries whose
	 * session ended are skipped). The index is a list rewritten at each sign-in; two
	 * sign-ins racing may drop one entry, which is why force sign-out also ends the
	 * sessions named by the person's grants.
	 */
	public List<SessionInfo> sessionsOf(Realm realm, String personId) {
		List<SessionInfo> live = new java.util.ArrayList<>();
		for (String sid : indexed(realm.name(), personId)) {
			find(sid, realm).ifPresent((session) -> live.add(new SessionInfo(session.sid(), session.authTime(),
					session.acr(), session.amr(), session.createdAt())));
		}
		return live;
	}

	/** Whether the session with this public id is still live. */
	public boolean live(String sid, Realm realm) {
		return find(sid, realm).isPresent();
	}

	private Optional<SsoSession> find(String sid, Realm realm) {
		Optional<String> cookieHash = this.store.get(sidKey(sid));
		if (cookieHash.isEmpty()) {
			return Optional.empty();
		}
		return this.store.get("sso:" + cookieHash.get())
			.map((raw) -> this.json.readValue(raw, Stored.class).session())
			.filter((session) -> session.realm().equals(realm.name())
					&& !this.clock.instant().isAfter(session.createdAt().plus(realm.sessions().absoluteTimeout())));
	}

	private void index(Realm realm, String personId, String sid) {
		List<String> sids = new java.util.ArrayList<>();
		for (String known : indexed(realm.name(), personId)) {
			if (this.store.get(sidKey(known)).isPresent()) {
				sids.add(known);
			}
		}
		sids.add(sid);
		this.store.put(personKey(realm.name(), personId), String.join(" ", sids), realm.sessions().absoluteTimeout());
	}

	private List<String> indexed(String realm, String personId) {
		return this.store.get(personKey(realm, personId))
			.map((value) -> value.isBlank() ? List.<String>of() : List.of(value.split(" ")))
			.orElse(List.of());
	}

	private static String personKey(String realm, String personId) {
		return "sso-person:" + realm + ":" + personId;
	}

	/** Ends a session by its public id (back-channel and admin sign-outs). */
	public void endBySid(String sid) {
		this.store.take(sidKey(sid)).ifPresent((cookieHash) -> this.store.delete("sso:" + cookieHash));
	}

	private static String cookieValue(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
				return cookie.getValue();
			}
		}
		return null;
	}

	private static ResponseCookie cookie(String realm, String value, boolean secure, Duration maxAge) {
		ResponseCookie.ResponseCookieBuilder builder = ResponseCookie.from(COOKIE, value)
			.path("/realms/" + realm + "/")
			.httpOnly(true)
			.secure(secure)
			.sameSite("Lax");
		if (maxAge != null) {
			builder.maxAge(maxAge);
		}
		return builder.build();
	}

	private static String key(String cookieValue) {
		return "sso:" + Hashes.sha256(cookieValue);
	}

	private static String sidKey(String sid) {
		return "sso-sid:" + sid;
	}

	record Stored(SsoSession session, Instant touchedAt) {
	}

}
