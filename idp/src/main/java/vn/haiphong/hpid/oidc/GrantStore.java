package vn.haiphong.hpid.oidc;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Durable grants and their refresh-token families. Refresh tokens are kept as SHA-256
 * hashes; a family is revoked as a whole.
 */
class GrantStore {

	/** One sign-in of one person at one client: a refresh-token family. */
	record Grant(String id, String realm, String clientId, String personId, Set<String> scopes, String sid,
			Instant authTime, String acr, List<String> amr, Instant createdAt, Instant expiresAt,
			Instant revokedAt) {

		boolean revoked() {
			return this.revokedAt != null;
		}

	}

	enum RefreshStatus {

		ACTIVE, ROTATED, REVOKED

	}

	record RefreshToken(String hash, String grantId, RefreshStatus status, Instant issuedAt, Instant expiresAt) {
	}

	/** A refresh token with the grant (family) it belongs to. */
	record Family(RefreshToken token, Grant grant) {
	}

	private final JdbcClient jdbc;

	GrantStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional
	void create(Grant grant, RefreshToken refreshToken) {
		this.jdbc.sql("""
				insert into oauth_grant (id, realm, client_id, person_id, scopes, sid, auth_time, acr, amr,
				    created_at, expires_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(grant.id(), grant.realm(), grant.clientId(), grant.personId(), String.join(" ", grant.scopes()),
					grant.sid(), ts(grant.authTime()), grant.acr(), String.join(" ", grant.amr()),
					ts(grant.createdAt()), ts(grant.expiresAt()))
			.update();
		if (refreshToken != null) {
			insert(refreshToken);
		}
	}

	Optional<Grant> find(String id) {
		return this.jdbc.sql("select * from oauth_grant where id = ?").param(id).query(GrantStore::grant).optional();
	}

	/** A refresh token and its grant, read together: a refresh grant needs both. */
	Optional<Family> findFamily(String refreshTokenHash) {
		return this.jdbc.sql("""
				select g.*, r.status as token_status, r.issued_at as token_issued_at,
				    r.expires_at as token_expires_at
				from refresh_token r join oauth_grant g on g.id = r.grant_id
				where r.token_hash = ?""")
			.param(refreshTokenHash)
			.query((rs, row) -> new Family(new RefreshToken(refreshTokenHash, rs.getString("id"),
					RefreshStatus.valueOf(rs.getString("token_status")), instant(rs.getTimestamp("token_issued_at")),
					instant(rs.getTimestamp("token_expires_at"))), grant(rs, row)))
			.optional();
	}

	/**
	 * Replaces the family's active token by a new one. Returns false when the family
	 * has no active token any more (a concurrent rotation or a revocation won the race).
	 */
	@Transactional
	boolean rotate(String grantId, RefreshToken next) {
		int rotated = this.jdbc
			.sql("update refresh_token set status = 'ROTATED' where grant_id = ? and status = 'ACTIVE'")
			.param(grantId)
			.update();
		return rotated > 0 && insert(next);
	}

	/**
	 * Replaces the token presented, if it is still its family's active one, by a new one.
	 * Returns false when it is not (a concurrent rotation or a revocation won the race).
	 * Found by its hash, not by the family: a family keeps its rotated tokens (to detect
	 * their replay) until it expires, and a busy one has thousands.
	 */
	@Transactional
	boolean rotate(String grantId, String presentedHash, RefreshToken next) {
		int rotated = this.jdbc
			.sql("update refresh_token set status = 'ROTATED' where token_hash = ? and grant_id = ? and status = 'ACTIVE'")
			.params(presentedHash, grantId)
			.update();
		return rotated > 0 && insert(next);
	}

	@Transactional
	void revoke(String grantId, String reason, Instant now) {
		this.jdbc.sql("update oauth_grant set revoked_at = ?, revoked_reason = ? where id = ? and revoked_at is null")
			.params(ts(now), reason, grantId)
			.update();
		this.jdbc.sql("update refresh_token set status = 'REVOKED' where grant_id = ? and status <> 'REVOKED'")
			.param(grantId)
			.update();
	}

	/** Revokes every grant made in one SSO session; returns their ids. */
	@Transactional
	List<String> revokeSession(String realm, String sid, Instant now) {
		List<String> ids = this.jdbc.sql("select id from oauth_grant where realm = ? and sid = ? and revoked_at is null")
			.params(realm, sid)
			.query(String.class)
			.list();
		for (String id : ids) {
			revoke(id, "logout", now);
		}
		return ids;
	}

	/** The person's grants that are neither revoked nor expired. */
	List<Grant> activeOf(String realm, String personId, Instant now) {
		return this.jdbc.sql("""
				select * from oauth_grant where realm = ? and person_id = ? and revoked_at is null and expires_at > ?
				order by created_at""")
			.params(realm, personId, ts(now))
			.query(GrantStore::grant)
			.list();
	}

	/** Revokes every grant of the person in the realm; returns them. */
	@Transactional
	List<Grant> revokeAllOf(String realm, String personId, String reason, Instant now) {
		List<Grant> grants = this.jdbc
			.sql("select * from oauth_grant where realm = ? and person_id = ? and revoked_at is null")
			.params(realm, personId)
			.query(GrantStore::grant)
			.list();
		for (Grant grant : grants) {
			revoke(grant.id(), reason, now);
		}
		return grants;
	}

	/**
	 * Deletes up to {@code limit} grants that expired before {@code cutoff}, with their
	 * refresh tokens; returns how many grants went. Nodes may run it at once: a row
	 * another node deleted first is simply not deleted twice.
	 */
	@Transactional
	int purgeExpired(Instant cutoff, int limit) {
		List<String> ids = this.jdbc.sql("select id from oauth_grant where expires_at < ? order by expires_at limit ?")
			.params(ts(cutoff), limit)
			.query(String.class)
			.list();
		if (ids.isEmpty()) {
			return 0;
		}
		this.jdbc.sql("delete from refresh_token where grant_id in (:ids)").param("ids", ids).update();
		return this.jdbc.sql("delete from oauth_grant where id in (:ids)").param("ids", ids).update();
	}

	private boolean insert(RefreshToken token) {
		return this.jdbc
			.sql("insert into refresh_token (token_hash, grant_id, status, issued_at, expires_at) values (?, ?, ?, ?, ?)")
			.params(token.hash(), token.grantId(), token.status().name(), ts(token.issuedAt()), ts(token.expiresAt()))
			.update() == 1;
	}

	private static Grant grant(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		String amr = rs.getString("amr");
		return new Grant(rs.getString("id"), rs.getString("realm"), rs.getString("client_id"),
				rs.getString("person_id"), scopes(rs.getString("scopes")),
				rs.getString("sid"), instant(rs.getTimestamp("auth_time")), rs.getString("acr"),
				(amr == null || amr.isBlank()) ? List.of() : Arrays.asList(amr.split(" ")),
				instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("expires_at")),
				instant(rs.getTimestamp("revoked_at")));
	}

	private static Set<String> scopes(String value) {
		Set<String> scopes = new LinkedHashSet<>();
		for (String scope : value.split(" ")) {
			if (!scope.isEmpty()) {
				scopes.add(scope);
			}
		}
		return scopes;
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
