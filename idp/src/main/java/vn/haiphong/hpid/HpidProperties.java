package vn.haiphong.hpid;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Server settings (not realm settings: those live in the realm files). Every default
 * is the safe one; see docs/configuration.md.
 *
 * @param publicBaseUrl the scheme, host and port people and apps use (behind a proxy);
 * when absent, taken from each request
 * @param dataDirectory where the embedded database and key file live
 * @param realmLocations resource patterns of the realm files
 * @param demo whether the embedded demo (demo clients, demo account, /demo app) is on
 * @param masterKeyFileAllowed whether a master key file in the data directory may be
 * used when HPID_MASTER_KEY is not set (embedded default only)
 * @param masterKey the master key in base64 (from the environment variable
 * HPID_MASTER_KEY)
 * @param argon2 the cost of local password hashes; the defaults are Keycloak 26's
 */
@ConfigurationProperties("hpid")
public record HpidProperties(URI publicBaseUrl, @DefaultValue("data") Path dataDirectory,
		@DefaultValue("classpath*:realms/*.yaml") List<String> realmLocations, @DefaultValue("false") boolean demo,
		@DefaultValue("false") boolean masterKeyFileAllowed, String masterKey, @DefaultValue Argon2 argon2,
		@DefaultValue("false") boolean vneidSandbox) {

	/** Argon2id parameters for local passwords. */
	public record Argon2(@DefaultValue("7168") int memoryKib, @DefaultValue("5") int iterations,
			@DefaultValue("1") int parallelism, @DefaultValue("32") int hashLength, @DefaultValue("16") int saltLength,
			@DefaultValue("0") int maxConcurrent, @DefaultValue("10s") java.time.Duration queueTimeout) {

		public Argon2 {
			if (memoryKib < 7168 || iterations < 1 || parallelism < 1 || hashLength < 16 || saltLength < 16) {
				throw new IllegalArgumentException("hpid.argon2: memory-kib must be at least 7168 (OWASP minimum with "
						+ "5 iterations), iterations and parallelism at least 1, hash and salt lengths at least 16");
			}
			if (maxConcurrent < 0 || queueTimeout.isNegative()) {
				throw new IllegalArgumentException("hpid.argon2: max-concurrent must be 0 (two per CPU) or more, "
						+ "queue-timeout not negative");
			}
		}

	}

}
