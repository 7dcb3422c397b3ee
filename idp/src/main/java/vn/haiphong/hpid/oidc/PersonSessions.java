package vn.haiphong.hpid.oidc;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vn.haiphong.hpid.login.SsoSessions;
import vn.haiphong.hpid.login.SsoSessions.SessionInfo;
import vn.haiphong.hpid.realm.Realm;

/**
 * A person's sign-ins as an administrator sees and ends them: their live SSO sessions,
 * with the clients that received tokens in each, and a force sign-out that ends them all,
 * revokes every refresh-token family (and so every access token) and tells each client
 * by back-channel logout, as the logout endpoint does for one session.
 */
public final class PersonSessions {

	/** One live session and the clients that got tokens in it. */
	public record Session(String sid, Instant authTime, String acr, List<String> amr, List<String> clients) {
	}

	/** What a force sign-out ended. */
	public record SignOut(List<String> sessions, int grantsRevoked) {
	}

	private final SsoSessions sessions;

	private final GrantStore grants;

	private final BackChannelLogout backChannel;

	private final Clock clock;

	PersonSessions(SsoSessions sessions, GrantStore grants, BackChannelLogout backChannel, Clock clock) {
		this.sessions = sessions;
		this.grants = grants;
		this.backChannel = backChannel;
		this.clock = clock;
	}

	public List<Session> list(Realm realm, String personId) {
		Map<String, Set<String>> clientsBySid = new LinkedHashMap<>();
		for (GrantStore.Grant grant : this.grants.activeOf(realm.name(), personId, this.clock.instant())) {
			if (grant.sid() != null) {
				clientsBySid.computeIfAbsent(grant.sid(), (sid) -> new LinkedHashSet<>()).add(grant.clientId());
			}
		}
		List<Session> live = new ArrayList<>();
		for (SessionInfo info : this.sessions.sessionsOf(realm, personId)) {
			live.add(new Session(info.sid(), info.authTime(), info.acr(), info.amr(),
					List.copyOf(clientsBySid.getOrDefault(info.sid(), Set.of()))));
		}
		return live;
	}

	/**
	 * Ends every session of the person in the realm and revokes all their grants.
	 * @param issuer the realm's issuer, which signs the logout tokens
	 */
	public SignOut signOut(Realm realm, String issuer, String personId) {
		Set<String> sids = new LinkedHashSet<>();
		for (SessionInfo info : this.sessions.sessionsOf(realm, personId)) {
			sids.add(info.sid());
		}
		Instant now = this.clock.instant();
		for (GrantStore.Grant grant : this.grants.activeOf(realm.name(), personId, now)) {
			if (grant.sid() != null) {
				sids.add(grant.sid());
			}
		}
		for (String sid : sids) {
			this.sessions.endBySid(sid);
			this.backChannel.sessionEnded(realm, issuer, sid);
		}
		int revoked = this.grants.revokeAllOf(realm.name(), personId, "admin-sign-out", now).size();
		return new SignOut(List.copyOf(sids), revoked);
	}

}
