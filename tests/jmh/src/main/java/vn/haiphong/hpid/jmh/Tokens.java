package vn.haiphong.hpid.jmh;

import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** A realm key and access tokens shaped like hpid's (RFC 9068, see TokenClaims). */
final class Tokens {

	static final String ISSUER = "http://127.0.0.1:8080/realms/bench";

	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	private Tokens() {
	}

	static RSAKey realmKey() {
		try {
			return new RSAKeyGenerator(2048).keyID("bench-0123abcd").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String random(int bytes) {
		byte[] b = new byte[bytes];
		RANDOM.nextBytes(b);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
	}

	/** A person's access token: {@code jti} is {@code grantId.random}, as in AccessTokens. */
	static JWTClaimsSet personAccessClaims(String grantId) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject("p-" + random(16))
			.audience(List.of("bench-app"))
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(grantId + "." + random(12))
			.claim("client_id", "bench-app")
			.claim("scope", "openid profile email")
			.claim("auth_time", now.getEpochSecond())
			.claim("acr", "urn:hpid:acr:local")
			.claim("sid", random(16))
			.build();
	}

	static JWSHeader accessHeader(RSAKey key) {
		return new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
			.keyID(key.getKeyID())
			.build();
	}

	static String sign(RSASSASigner signer, RSAKey key, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(accessHeader(key), claims);
			jwt.sign(signer);
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
