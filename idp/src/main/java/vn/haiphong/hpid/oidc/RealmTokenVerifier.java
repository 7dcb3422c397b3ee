package vn.haiphong.hpid.oidc;

import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import vn.haiphong.hpid.keys.SigningKeys;

/**
 * Checks that a JWT was signed by one of the current realm's published keys and issued by
 * its issuer. Expiry is the caller's business: an expired ID token is still a fine logout
 * hint, an expired access token is not.
 */
final class RealmTokenVerifier {

	private final SigningKeys keys;

	/** Verifiers by key id: they hold only the public key, so they are safe to share. */
	private final Map<String, RSASSAVerifier> verifiers = new ConcurrentHashMap<>();

	/** Signatures already verified; none are remembered when null. */
	private final VerifiedTokenCache<JWTClaimsSet> verified;

	RealmTokenVerifier(SigningKeys keys) {
		this(keys, null);
	}

	RealmTokenVerifier(SigningKeys keys, VerifiedTokenCache<JWTClaimsSet> verified) {
		this.keys = keys;
		this.verified = verified;
	}

	private RSASSAVerifier verifier(RSAKey key) {
		return this.verifiers.computeIfAbsent(key.getKeyID(), (kid) -> {
			try {
				return new RSASSAVerifier(key);
			}
			catch (JOSEException ex) {
				throw new IllegalStateException("Unusable public key " + kid, ex);
			}
		});
	}

	Optional<JWTClaimsSet> verify(String token) {
		RealmContext context = RealmContext.current();
		String realm = context.realm().name();
		try {
			JWTClaimsSet claims = this.verified == null ? null : this.verified.get(realm, token);
			if (claims == null) {
				SignedJWT jwt = SignedJWT.parse(token);
				JWK key = this.keys.forRealm(realm).published().getKeyByKeyId(jwt.getHeader().getKeyID());
				if (!(key instanceof RSAKey rsaKey) || !jwt.verify(verifier(rsaKey))) {
					return Optional.empty();
				}
				claims = jwt.getJWTClaimsSet();
				if (this.verified != null && claims.getExpirationTime() != null) {
					this.verified.put(realm, key.getKeyID(), token, claims, claims.getExpirationTime().toInstant());
				}
			}
			return context.issuer().equals(claims.getIssuer()) ? Optional.of(claims) : Optional.empty();
		}
		catch (ParseException | JOSEException | RuntimeException ex) {
			return Optional.empty();
		}
	}

}
