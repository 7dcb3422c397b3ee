package vn.haiphong.hpid.clients;

import java.util.Optional;

/** Who owns a client: a realm file (read-only in the admin API) or the admin API. */
public enum ManagedBy {

	CONFIG("config"), API("api");

	private final String value;

	ManagedBy(String value) {
		this.value = value;
	}

	/** The name in the database and in the admin API's JSON. */
	public String value() {
		return this.value;
	}

	public static Optional<ManagedBy> parse(String value) {
		for (ManagedBy managedBy : values()) {
			if (managedBy.value.equals(value)) {
				return Optional.of(managedBy);
			}
		}
		return Optional.empty();
	}

}
