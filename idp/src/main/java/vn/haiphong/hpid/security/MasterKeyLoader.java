package vn.haiphong.hpid.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master key: the environment variable {@code HPID_MASTER_KEY} (base64 of 32
 * bytes) in production; on the embedded default, a key file made with mode 0600 in the
 * data directory, with a warning, because a key beside the data it protects only stops
 * casual reading.
 */
final class MasterKeyLoader {

	private static final Logger log = LoggerFactory.getLogger(MasterKeyLoader.class);

	private MasterKeyLoader() {
	}

	static MasterKey load(String fromEnvironment, boolean keyFileAllowed, Path dataDirectory) {
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			byte[] key;
			try {
				key = Base64.getDecoder().decode(fromEnvironment.trim());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("HPID_MASTER_KEY is not valid base64");
			}
			if (key.length != 32) {
				throw new IllegalStateException(
						"HPID_MASTER_KEY must be 32 random bytes in base64 (openssl rand -base64 32), got " + key.length
								+ " bytes");
			}
			return new MasterKey(key);
		}
		if (!keyFileAllowed) {
			throw new IllegalStateException(
					"HPID_MASTER_KEY is not set. Production refuses to keep its master key in a file beside the data; "
							+ "set HPID_MASTER_KEY to 32 random bytes in base64 (openssl rand -base64 32)");
		}
		return fromKeyFile(dataDirectory.resolve("master.key"));
	}

	private static MasterKey fromKeyFile(Path file) {
		try {
			if (Files.exists(file)) {
				log.warn("Using the master key file {}: acceptable for the embedded default only; "
						+ "set HPID_MASTER_KEY in production", file);
				return new MasterKey(Base64.getDecoder().decode(Files.readString(file).trim()));
			}
			Files.createDirectories(file.getParent());
			byte[] key = new byte[32];
			new SecureRandom().nextBytes(key);
			Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardOpenOption.CREATE_NEW);
			restrictToOwner(file);
			log.warn("Created a new master key file {} (mode 0600): acceptable for the embedded default only; "
					+ "set HPID_MASTER_KEY in production", file);
			return new MasterKey(key);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read or create the master key file " + file, ex);
		}
	}

	private static void restrictToOwner(Path file) throws IOException {
		try {
			Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
			Files.setPosixFilePermissions(file, ownerOnly);
		}
		catch (UnsupportedOperationException ex) {
			log.warn("The file system of {} has no POSIX permissions; restrict access to it by other means", file);
		}
	}

}
