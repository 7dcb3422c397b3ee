package vn.haiphong.hpid.clients;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import vn.haiphong.hpid.realm.ClientDefinitions.SecretSource;

/**
 * One row of the client store.
 *
 * @param realm the realm the client belongs to
 * @param clientId the OAuth client id, unique in the realm
 * @param definition the settings as canonical JSON, in the realm-file form
 * ({@link vn.haiphong.hpid.realm.ClientDefinitions}); never a secret
 * @param enabled whether the client may authenticate and start sign-ins
 * @param secretHash the keyed hash of the secret; empty for public and key-based clients,
 * and for file clients whose secret variable was never set
 * @param managedBy who owns the client
 * @param version bumped by every change
 */
public record StoredClient(String realm, String clientId, String definition, boolean enabled,
		Optional<String> secretHash, ManagedBy managedBy, long version, Instant createdAt, Instant updatedAt) {

	public StoredClient {
		Objects.requireNonNull(realm, "realm");
		Objects.requireNonNull(clientId, "clientId");
		Objects.requireNonNull(definition, "definition");
		Objects.requireNonNull(secretHash, "secretHash");
		Objects.requireNonNull(managedBy, "managedBy");
	}

	/** Where the secret comes from, which decides the fields the definition may have. */
	public SecretSource secretSource() {
		return (this.managedBy == ManagedBy.CONFIG) ? SecretSource.ENVIRONMENT : SecretSource.GENERATED;
	}

	/** Whether the stored state equals this one in everything but version and times. */
	public boolean sameContentAs(StoredClient other) {
		return this.definition.equals(other.definition) && this.enabled == other.enabled
				&& this.secretHash.equals(other.secretHash) && this.managedBy == other.managedBy;
	}

	/** The next version of this client, for a conditional {@link ClientStore#update}. */
	public StoredClient changed(String newDefinition, boolean newEnabled, Optional<String> newSecretHash,
			ManagedBy newManagedBy, Instant now) {
		return new StoredClient(this.realm, this.clientId, newDefinition, newEnabled, newSecretHash, newManagedBy,
				this.version + 1, this.createdAt, now);
	}

}
