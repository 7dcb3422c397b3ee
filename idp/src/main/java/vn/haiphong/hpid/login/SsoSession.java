package vn.haiphong.hpid.login;

import java.time.Instant;
import java.util.List;

/**
 * What the ephemeral store keeps of one SSO session. It is looked up by the SHA-256 of
 * the session cookie, so a copy of the store does not let anyone take sessions over.
 *
 * @param sid the public session id that appears in ID tokens
 */
record SsoSession(String sid, String realm, String personId, Instant authTime, String acr, List<String> amr,
		Instant createdAt) {

	PersonAuthentication toAuthentication() {
		return new PersonAuthentication(this.realm, this.personId, this.authTime, this.acr, this.amr, this.sid);
	}

}
