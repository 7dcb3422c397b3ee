package vn.haiphong.hpid.keys;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import vn.haiphong.hpid.security.MasterKey;

/**
 * The signing keys of every realm: RSA 2048, the private part encrypted with the master
 * key, in the database that all nodes share.
 *
 * <p>Rotation never breaks a token: a new key is published at once but signs only from
 * {@code activates_at}, after every node has reloaded the key set; the key it replaces
 * stays published for verification until every token it signed has expired. Nodes reload
 * the key set on a fixed interval, so a rotation made through any node is used and
 * published by all within {@code propagationDelay}.
 */
public class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private final JdbcClient jdbc;

	private final MasterKey masterKey;

	private final Clock clock;

	private final Duration propagationDelay;

	private final Duration keepPublished;

	private final Map<String, RealmKeys> byRealm = new ConcurrentHashMap<>();

	private final Map<String, RSAKey> decrypted = new ConcurrentHashMap<>();

	/**
	 * The active key signs; the published set also holds keys not yet active and keys
	 * kept for verification. {@code selectable} is what the JOSE layer chooses from: the
	 * active key with its private part, the others public only.
	 */
	public record RealmKeys(RSAKey active, JWKSet published, JWKSet selectable) {
	}

	/** One key as an operator sees it. */
	public record KeyInfo(String kid, String realm, String algorithm, Instant createdAt, Instant activatesAt,
			Instant retiredAt, String state) {
	}

	/**
	 * @param propagationDelay how long a new key is published before it signs; at least
	 * the reload interval of every node
	 * @param keepPublished how long a retired key stays published; at least the longest
	 * lifetime of a signed token
	 */
	public SigningKeys(JdbcClient jdbc, MasterKey masterKey, Clock clock, Duration propagationDelay,
			Duration keepPublished) {
		this.jdbc = jdbc;
		this.masterKey = masterKey;
		this.clock = clock;
		this.propagationDelay = propagationDelay;
		this.keepPublished = keepPublished;
	}

	/** Loads the realm's keys, generating the first one (active at once) when it has none. */
	@Transactional
	public void ensureKeys(String realm) {
		if (rows(realm).isEmpty()) {
			RSAKey first = insert(realm, this.clock.instant());
			log.info("Generated the first signing key of realm {} ({})", realm, first.getKeyID());
		}
		reload(realm);
	}

	/** Re-reads the realm's key set from the database; cheap, run on an interval. */
	public void reload(String realm) {
		Instant now = this.clock.instant();
		List<Row> rows = rows(realm);
		RSAKey active = null;
		Instant activeSince = null;
		List<JWK> published = new ArrayList<>();
		for (Row row : rows) {
			if (row.retiredAt() != null && !now.isBefore(row.retiredAt().plus(this.keepPublished))) {
				continue;
			}
			RSAKey key = this.decrypted.computeIfAbsent(row.kid(), (kid) -> decode(row));
			published.add(key.toPublicJWK());
			boolean signing = !now.isBefore(row.activatesAt())
					&& (row.retiredAt() == null || now.isBefore(row.retiredAt()));
			if (signing && (activeSince == null || row.activatesAt().isAfter(activeSince))) {
				active = key;
				activeSince = row.activatesAt();
			}
		}
		if (active == null) {
			throw new IllegalStateException("Realm " + realm + " has no signing key in force");
		}
		List<JWK> selectable = new ArrayList<>();
		selectable.add(active);
		for (JWK key : published) {
			if (!key.getKeyID().equals(active.getKeyID())) {
				selectable.add(key);
			}
		}
		RealmKeys previous = this.byRealm.put(realm,
				new RealmKeys(active, new JWKSet(published), new JWKSet(selectable)));
		if (previous != null && !previous.active().getKeyID().equals(active.getKeyID())) {
			log.info("Realm {} now signs with key {}", realm, active.getKeyID());
		}
	}

	/**
	 * Starts a rotation: the new key is published now and signs from now +
	 * {@code propagationDelay}, when the current key retires.
	 */
	@Transactional
	public KeyInfo rotate(String realm) {
		Instant activatesAt = this.clock.instant().plus(this.propagationDelay);
		RSAKey next = insert(realm, activatesAt);
		this.jdbc
			.sql("update signing_key set retired_at = ? where realm = ? and retired_at is null and kid <> ?")
			.params(Timestamp.from(activatesAt), realm, next.getKeyID())
			.update();
		log.info("Rotating the signing key of realm {}: {} signs from {}", realm, next.getKeyID(), activatesAt);
		reload(realm);
		return list(realm).stream().filter((k) -> k.kid().equals(next.getKeyID())).findFirst().orElseThrow();
	}

	/** Why a key cannot be retired. */
	public static final class RetireRefusedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		RetireRefusedException(String message) {
			super(message);
		}

	}

	/**
	 * Retires a key now: it signs nothing more and stays published for verification for
	 * {@code keepPublished}. The key signing now cannot be retired (rotate instead: it
	 * retires itself when its successor activates). Retiring a successor that is not
	 * active yet cancels that rotation: the current key keeps signing.
	 * @return the key as it is now, or empty when the realm has no such key
	 */
	@Transactional
	public java.util.Optional<KeyInfo> retire(String realm, String kid) {
		Instant now = this.clock.instant();
		java.util.Optional<Row> row = rows(realm).stream().filter((r) -> r.kid().equals(kid)).findFirst();
		if (row.isEmpty()) {
			return java.util.Optional.empty();
		}
		if (row.get().retiredAt() != null && !now.isBefore(row.get().retiredAt())) {
			throw new RetireRefusedException("The key " + kid + " is retired already");
		}
		if (forRealm(realm).active().getKeyID().equals(kid)) {
			throw new RetireRefusedException("The key " + kid + " signs now; rotate to replace it");
		}
		if (now.isBefore(row.get().activatesAt())) {
			// The rotation it came from scheduled its predecessor to retire when it activates.
			this.jdbc.sql("update signing_key set retired_at = null where realm = ? and kid <> ? and retired_at = ?")
				.params(realm, kid, Timestamp.from(row.get().activatesAt()))
				.update();
		}
		this.jdbc.sql("update signing_key set retired_at = ? where realm = ? and kid = ?")
			.params(Timestamp.from(now), realm, kid)
			.update();
		log.info("Retired the signing key {} of realm {}", kid, realm);
		reload(realm);
		return list(realm).stream().filter((k) -> k.kid().equals(kid)).findFirst();
	}

	public List<KeyInfo> list(String realm) {
		Instant now = this.clock.instant();
		List<KeyInfo> keys = new ArrayList<>();
		for (Row row : rows(realm)) {
			String state;
			boolean retired = row.retiredAt() != null && !now.isBefore(row.retiredAt());
			if (retired) {
				// Also a key retired before it ever signed (a cancelled rotation).
				state = now.isBefore(row.retiredAt().plus(this.keepPublished)) ? "RETIRED" : "EXPIRED";
			}
			else if (now.isBefore(row.activatesAt())) {
				state = "PUBLISHED";
			}
			else {
				state = "ACTIVE";
			}
			keys.add(new KeyInfo(row.kid(), realm, "RS256", row.createdAt(), row.activatesAt(), row.retiredAt(),
					state));
		}
		return keys;
	}

	public RealmKeys forRealm(String realm) {
		RealmKeys keys = this.byRealm.get(realm);
		if (keys == null) {
			throw new IllegalStateException("No signing keys loaded for realm " + realm);
		}
		return keys;
	}

	public Iterable<String> realms() {
		return this.byRealm.keySet();
	}

	private record Row(String kid, String publicJwk, String privateKeyEncrypted, Instant createdAt,
			Instant activatesAt, Instant retiredAt) {
	}

	private List<Row> rows(String realm) {
		return this.jdbc.sql("""
				select kid, public_jwk, private_key_encrypted, created_at, activates_at, retired_at
				from signing_key where realm = ? order by activates_at""")
			.param(realm)
			.query((rs, n) -> new Row(rs.getString("kid"), rs.getString("public_jwk"),
					rs.getString("private_key_encrypted"), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("activates_at").toInstant(), instant(rs.getTimestamp("retired_at"))))
			.list();
	}

	private RSAKey decode(Row row) {
		try {
			RSAKey publicKey = RSAKey.parse(row.publicJwk());
			RSAKey full = RSAKey.parse(new String(
					this.masterKey.decrypt(row.privateKeyEncrypted(), "signing-key:" + row.kid()), StandardCharsets.UTF_8));
			if (!full.toPublicJWK().equals(publicKey)) {
				throw new IllegalStateException("Signing key " + row.kid() + " does not match its public part");
			}
			return full;
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Signing key " + row.kid() + " is corrupt", ex);
		}
	}

	private RSAKey insert(String realm, Instant activatesAt) {
		KeyPair pair;
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			pair = generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		String kid = realm + "-" + UUID.randomUUID().toString().substring(0, 8);
		RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
			.keyID(kid)
			.keyUse(KeyUse.SIGNATURE)
			.algorithm(JWSAlgorithm.RS256)
			.build();
		String encrypted = this.masterKey.encrypt(key.toJSONString().getBytes(StandardCharsets.UTF_8),
				"signing-key:" + kid);
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into signing_key (kid, realm, algorithm, public_jwk, private_key_encrypted, status, created_at,
				    activates_at)
				values (?, ?, 'RS256', ?, ?, 'ACTIVE', ?, ?)""")
			.params(kid, realm, key.toPublicJWK().toJSONString(), encrypted, Timestamp.from(now),
					Timestamp.from(activatesAt))
			.update();
		return key;
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
