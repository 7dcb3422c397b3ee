package vn.haiphong.hpid.jmh;

import java.text.ParseException;
import java.util.Date;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU part of introspection and UserInfo, as RealmTokenVerifier does it: parse the JWT,
 * find the published key by {@code kid}, check the RS256 signature, the issuer and the
 * expiry, and take the grant id out of {@code jti}. The grant's row lookup in the durable
 * store is not included (it is I/O; the load run measures it).
 * {@code verifyNewVerifier} builds the verifier per call, as RealmTokenVerifier does today;
 * {@code verifyCachedVerifier} shows what caching it per key would save.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IntrospectionBenchmark {

	private JWKSet published;

	private RSASSAVerifier cachedVerifier;

	private String token;

	@Setup
	public void setUp() throws JOSEException {
		RSAKey key = Tokens.realmKey();
		this.published = new JWKSet(key.toPublicJWK());
		this.cachedVerifier = new RSASSAVerifier(key.toRSAPublicKey());
		this.token = Tokens.sign(new RSASSASigner(key), key, Tokens.personAccessClaims("g-" + Tokens.random(16)));
	}

	@Benchmark
	public String verifyNewVerifier() throws ParseException, JOSEException {
		SignedJWT jwt = SignedJWT.parse(this.token);
		JWK key = this.published.getKeyByKeyId(jwt.getHeader().getKeyID());
		if (!(key instanceof RSAKey rsaKey) || !jwt.verify(new RSASSAVerifier(rsaKey))) {
			throw new IllegalStateException("bad signature");
		}
		return grantIdOf(checked(jwt.getJWTClaimsSet()));
	}

	@Benchmark
	public String verifyCachedVerifier() throws ParseException, JOSEException {
		SignedJWT jwt = SignedJWT.parse(this.token);
		if (!jwt.verify(this.cachedVerifier)) {
			throw new IllegalStateException("bad signature");
		}
		return grantIdOf(checked(jwt.getJWTClaimsSet()));
	}

	private static JWTClaimsSet checked(JWTClaimsSet claims) {
		if (!Tokens.ISSUER.equals(claims.getIssuer()) || claims.getExpirationTime().before(new Date())) {
			throw new IllegalStateException("not active");
		}
		return claims;
	}

	private static String grantIdOf(JWTClaimsSet claims) {
		String jti = claims.getJWTID();
		int dot = jti.lastIndexOf('.');
		return dot > 0 ? jti.substring(0, dot) : null;
	}

}
