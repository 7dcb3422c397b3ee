import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The physical limit of token issuance: RS256 (SHA256withRSA, 2048-bit key) signatures per
 * second with the JDK's own provider, one thread per CPU it may use. One access token needs
 * one signature, so no server can issue client-credentials tokens faster than this.
 *
 * <pre>java -cp CLASSES Rs256Limit THREADS WARMUP_SECONDS SECONDS</pre>
 */
public final class Rs256Limit {

	private static volatile long windowStart = Long.MAX_VALUE;

	private static volatile long windowEnd = Long.MAX_VALUE;

	public static void main(String[] args) throws Exception {
		int threads = Integer.parseInt(args[0]);
		double warmup = Double.parseDouble(args[1]);
		double seconds = Double.parseDouble(args[2]);
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair keys = generator.generateKeyPair();
		// About the size of an access token's signing input (header.claims, base64url).
		byte[] input = "eyJ0eXAiOiJhdCtqd3QiLCJraWQiOiJiZW5jaC0wMTIzNDU2NyIsImFsZyI6IlJTMjU2In0.".repeat(5)
			.getBytes(StandardCharsets.US_ASCII);
		LongAdder counted = new LongAdder();
		Thread[] workers = new Thread[threads];
		for (int t = 0; t < threads; t++) {
			workers[t] = new Thread(() -> {
				try {
					Signature signature = Signature.getInstance("SHA256withRSA");
					while (true) {
						long start = System.nanoTime();
						if (start > windowEnd) {
							return;
						}
						signature.initSign(keys.getPrivate());
						signature.update(input);
						signature.sign();
						if (start >= windowStart && System.nanoTime() <= windowEnd) {
							counted.increment();
						}
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			workers[t].start();
		}
		Thread.sleep((long) (warmup * 1000));
		long start = System.nanoTime();
		windowStart = start;
		windowEnd = start + (long) (seconds * 1e9);
		for (Thread worker : workers) {
			worker.join();
		}
		System.out.printf(Locale.ROOT, "%.1f%n", counted.sum() / seconds);
	}

}
