package vn.haiphong.hpid.keys;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
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
 * The signing keys of every realm: RSA 2048 made on first start, the private part
 * stored encrypted with the master key, all published in the realm's JWKS. Keys are
 * held in memory after start, so signing never touches the database.
 */
public class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private final JdbcClient jdbc;

	private final MasterKey masterKey;

	private final Clock clock;

	private final Map<String, RealmKeys> byRealm = new ConcurrentHashMap<>();

	/**
	 * The active key signs; the published set also holds keys kept for verification.
	 * {@code selectable} is what the JOSE layer chooses from: the active key with its
	 * private part, the others public only.
	 */
	public record RealmKeys(RSAKey active, JWKSet published, JWKSet selectable) {
	}

	public SigningKeys(JdbcClient jdbc, MasterKey masterKey, Clock clock) {
		this.jdbc = jdbc;
		this.masterKey = masterKey;
		this.clock = clock;
	}

	/** Loads the realm's keys, generating the first one when the realm has none. */
	@Transactional
	public void ensureKeys(String realm) {
		List<RSAKey> keys = load(realm);
		if (keys.isEmpty()) {
			keys = List.of(generate(realm));
			log.info("Generated the first signing key of realm {} ({})", realm, keys.get(0).getKeyID());
		}
		RSAKey active = keys.get(0);
		List<JWK> published = new ArrayList<>();
		for (RSAKey key : keys) {
			published.add(key.toPublicJWK());
		}
		List<JWK> selectable = new ArrayList<>(published);
		selectable.set(0, active);
		this.byRealm.put(realm, new RealmKeys(active, new JWKSet(published), new JWKSet(selectable)));
	}

	public RealmKeys forRealm(String realm) {
		RealmKeys keys = this.byRealm.get(realm);
		if (keys == null) {
			throw new IllegalStateException("No signing keys loaded for realm " + realm);
		}
		return keys;
	}

	private List<RSAKey> load(String realm) {
		return this.jdbc
			.sql("select kid, public_jwk, private_key_encrypted from signing_key where realm = ? and status = 'ACTIVE' "
					+ "order by created_at desc")
			.param(realm)
			.query((rs, row) -> decode(rs.getString("kid"), rs.getString("public_jwk"),
					rs.getString("private_key_encrypted")))
			.list();
	}

	private RSAKey decode(String kid, String publicJwk, String encryptedPrivate) {
		try {
			RSAKey publicKey = RSAKey.parse(publicJwk);
			RSAKey full = RSAKey.parse(new String(this.masterKey.decrypt(encryptedPrivate, "signing-key:" + kid),
					java.nio.charset.StandardCharsets.UTF_8));
			if (!full.toPublicJWK().equals(publicKey)) {
				throw new IllegalStateException("Signing key " + kid + " does not match its public part");
			}
			return full;
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Signing key " + kid + " is corrupt", ex);
		}
	}

	private RSAKey generate(String realm) {
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
		String encrypted = this.masterKey.encrypt(
				key.toJSONString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "signing-key:" + kid);
		this.jdbc
			.sql("insert into signing_key (kid, realm, algorithm, public_jwk, private_key_encrypted, status, created_at) "
					+ "values (?, ?, 'RS256', ?, ?, 'ACTIVE', ?)")
			.params(kid, realm, key.toPublicJWK().toJSONString(), encrypted,
					java.sql.Timestamp.from(this.clock.instant()))
			.update();
		return key;
	}

}
