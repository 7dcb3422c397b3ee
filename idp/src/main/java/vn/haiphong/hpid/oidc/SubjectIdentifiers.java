package vn.haiphong.hpid.oidc;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import vn.haiphong.hpid.realm.ClientRegistration;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.security.MasterKey;

/**
 * The {@code sub} a client receives for a person (OpenID Connect Core 1.0 §8). Public
 * clients get the person's id. Pairwise clients get
 * {@code base64url(HMAC-SHA-256(k, realm 0x00 sector 0x00 personId))}, with {@code k}
 * derived from the master key: stable across restarts and nodes, different in every
 * sector, and not reversible without the key, so apps of different sectors cannot join
 * their users on {@code sub}.
 *
 * <p>
 * The value depends on the master key: a new master key gives every pairwise client new
 * subjects (docs/operations.md).
 */
final class SubjectIdentifiers {

	private final byte[] key;

	SubjectIdentifiers(MasterKey masterKey) {
		this.key = masterKey.derive("pairwise-subject");
	}

	/** The subject for {@code clientId}; a client the realm does not know gets the public one. */
	String forClient(Realm realm, String clientId, String personId) {
		Optional<String> sector = realm.client(clientId).flatMap(ClientRegistration::pairwiseSector);
		return sector.isPresent() ? pairwise(realm.name(), sector.get(), personId) : personId;
	}

	String pairwise(String realm, String sector, String personId) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			byte[] digest = mac.doFinal((realm + '\0' + sector + '\0' + personId).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
