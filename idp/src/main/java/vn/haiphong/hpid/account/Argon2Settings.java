package vn.haiphong.hpid.account;

/**
 * Argon2id cost parameters for stored passwords.
 *
 * @param saltLength random salt, in bytes
 * @param hashLength derived hash, in bytes
 * @param parallelism lanes
 * @param memoryKiB memory per hash, in KiB
 * @param iterations passes over the memory
 */
public record Argon2Settings(int saltLength, int hashLength, int parallelism, int memoryKiB, int iterations) {

	/**
	 * Keycloak 26's defaults: hashes migrated from Keycloak (once converted to PHC
	 * strings) need no rehash, and the cost per login is one operators already know.
	 */
	public static final Argon2Settings DEFAULT = new Argon2Settings(16, 32, 1, 7168, 5);

	public Argon2Settings {
		if (saltLength < 16) {
			throw new IllegalArgumentException("saltLength must be at least 16 bytes");
		}
		if (hashLength < 16) {
			throw new IllegalArgumentException("hashLength must be at least 16 bytes");
		}
		if (parallelism < 1) {
			throw new IllegalArgumentException("parallelism must be at least 1");
		}
		// Argon2 itself requires 8 KiB per lane.
		if (memoryKiB < 8 * parallelism) {
			throw new IllegalArgumentException("memoryKiB must be at least 8 per lane");
		}
		if (iterations < 1) {
			throw new IllegalArgumentException("iterations must be at least 1");
		}
	}

}
