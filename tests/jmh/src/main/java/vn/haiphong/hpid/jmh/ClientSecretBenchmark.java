package vn.haiphong.hpid.jmh;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

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

import vn.haiphong.hpid.security.ClientSecretHasher;
import vn.haiphong.hpid.security.MasterKey;

/**
 * Client authentication on every token, introspection and revocation request: hpid's
 * keyed SHA-256 of the presented secret, compared in constant time with the stored one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClientSecretBenchmark {

	private ClientSecretHasher hasher;

	private String secret;

	private String stored;

	@Setup
	public void setUp() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		this.hasher = new ClientSecretHasher(new MasterKey(key));
		this.secret = "bench-app-secret-0123456789-0123456789-abc";
		this.stored = this.hasher.encode(this.secret);
	}

	@Benchmark
	public boolean verifyClientSecret() {
		return this.hasher.matches(this.secret, this.stored);
	}

}
