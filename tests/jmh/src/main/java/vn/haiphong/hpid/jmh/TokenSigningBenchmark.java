package vn.haiphong.hpid.jmh;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
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

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Token assembly and RS256 signing: one signature per access token, so this is the floor
 * of every grant. {@code assembleOnly} is the claims without the signature;
 * {@code nimbusSign} is assembly plus nimbus's RSASSASigner; {@code springEncoder} is the
 * path hpid's token endpoint takes (Spring's NimbusJwtEncoder selecting the realm key).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenSigningBenchmark {

	private RSAKey key;

	private RSASSASigner signer;

	private NimbusJwtEncoder encoder;

	@Setup
	public void setUp() throws JOSEException {
		this.key = Tokens.realmKey();
		this.signer = new RSASSASigner(this.key);
		this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(this.key)));
	}

	@Benchmark
	public JWTClaimsSet assembleOnly() {
		return Tokens.personAccessClaims("g-" + Tokens.random(16));
	}

	@Benchmark
	public String nimbusSign() {
		return Tokens.sign(this.signer, this.key, Tokens.personAccessClaims("g-" + Tokens.random(16)));
	}

	@Benchmark
	public String springEncoder() {
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(Tokens.ISSUER)
			.subject("bench-app")
			.audience(List.of("bench-app"))
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(now.plusSeconds(300))
			.id("cc." + Tokens.random(16))
			.claim("client_id", "bench-app")
			.claim("scope", "")
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("at+jwt").keyId(this.key.getKeyID()).build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

}
