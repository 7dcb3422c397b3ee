package vn.haiphong.hpid.person;

import java.time.Instant;
import java.util.Optional;

/**
 * A person of a realm. The id is the public {@code sub}: random, stable, never derived
 * from a username, e-mail or phone number.
 */
public record Person(String id, String realm, Optional<String> email, Optional<String> phone,
		Optional<String> displayName, Optional<String> passwordHash, Status status, Instant createdAt) {

	public enum Status {

		ACTIVE, DISABLED

	}

	public boolean active() {
		return this.status == Status.ACTIVE;
	}

}
