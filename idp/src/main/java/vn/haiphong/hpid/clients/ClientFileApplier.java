package vn.haiphong.hpid.clients;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import vn.haiphong.hpid.audit.AuditEvent;
import vn.haiphong.hpid.audit.AuditLog;
import vn.haiphong.hpid.realm.ClientDefinitions;
import vn.haiphong.hpid.realm.ClientRegistration;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.security.ClientSecretHasher;

/**
 * Applies the clients of the realm files to the client store, idempotently: a client
 * is created or updated (and marked {@code managed_by = config}) only when the store
 * differs from its file, so applying the same files again changes nothing, versions
 * included. A client is deleted only when its file lists it under {@code removedClients}
 * (or, with the demo off, declares it {@code demo: true}).
 *
 * <p>Every write is conditional on what was read, so nodes applying the same files at
 * the same moment converge: the loser of a race re-reads and finds nothing left to do.
 */
public final class ClientFileApplier {

	/** At least 256 bits in any encoding people use (e.g. {@code openssl rand -base64 32}). */
	public static final int MIN_SECRET_LENGTH = 32;

	static final String ACTOR = "realm-file";

	private static final int ATTEMPTS = 5;

	private static final Logger log = LoggerFactory.getLogger(ClientFileApplier.class);

	private final ClientStore store;

	private final Function<String, String> environment;

	private final ClientSecretHasher hasher;

	private final JsonMapper json;

	private final Clock clock;

	private final AuditLog audit;

	/**
	 * @param environment resolves the variables named by {@code ${env:NAME}} references
	 * @param audit where changes are recorded; null records nothing (tests)
	 */
	public ClientFileApplier(ClientStore store, Function<String, String> environment, ClientSecretHasher hasher,
			JsonMapper json, Clock clock, AuditLog audit) {
		this.store = Objects.requireNonNull(store, "store");
		this.environment = Objects.requireNonNull(environment, "environment");
		this.hasher = Objects.requireNonNull(hasher, "hasher");
		this.json = Objects.requireNonNull(json, "json");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.audit = audit;
	}

	/** What an application did, as {@code realm/clientId} names. */
	public record Report(List<String> created, List<String> updated, List<String> unchanged, List<String> deleted) {

		public Report {
			created = List.copyOf(created);
			updated = List.copyOf(updated);
			unchanged = List.copyOf(unchanged);
			deleted = List.copyOf(deleted);
		}

	}

	/**
	 * @param realms the realms as read from their files, demo clients included
	 * @param demo whether the embedded demo is on (its clients are kept only then)
	 * @throws IllegalStateException when a secret variable holds a secret too short to be safe
	 */
	public Report apply(Collection<Realm> realms, boolean demo) {
		List<String> created = new ArrayList<>();
		List<String> updated = new ArrayList<>();
		List<String> unchanged = new ArrayList<>();
		List<String> deleted = new ArrayList<>();
		for (Realm realm : realms) {
			Set<String> removed = new LinkedHashSet<>(realm.removedClients());
			for (ClientRegistration client : realm.clients()) {
				if (client.demo() && !demo) {
					removed.add(client.clientId());
					continue;
				}
				String name = realm.name() + "/" + client.clientId();
				switch (applyClient(realm, client)) {
					case CREATED -> created.add(name);
					case UPDATED -> updated.add(name);
					default -> unchanged.add(name);
				}
			}
			for (String clientId : removed) {
				if (deleteClient(realm.name(), clientId)) {
					deleted.add(realm.name() + "/" + clientId);
				}
			}
		}
		Report report = new Report(created, updated, unchanged, deleted);
		log.info("Realm file clients applied: {} created, {} updated, {} unchanged, {} deleted", created.size(),
				updated.size(), unchanged.size(), deleted.size());
		return report;
	}

	private enum Outcome {

		CREATED, UPDATED, UNCHANGED

	}

	private Outcome applyClient(Realm realm, ClientRegistration client) {
		String definition = this.json.writeValueAsString(ClientDefinitions.write(client, realm.tokens()));
		Optional<String> secretHash = secretHash(realm, client);
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Instant now = this.clock.instant();
			Optional<StoredClient> existing = this.store.find(realm.name(), client.clientId());
			if (existing.isEmpty()) {
				StoredClient fresh = new StoredClient(realm.name(), client.clientId(), definition, true, secretHash,
						ManagedBy.CONFIG, 1, now, now);
				if (this.store.insert(fresh)) {
					record("CLIENT_CREATED", fresh, null);
					return Outcome.CREATED;
				}
				continue; // another node created it meanwhile: compare with theirs
			}
			StoredClient before = existing.get();
			// A node without the variable keeps the secret another node stored.
			Optional<String> hash = client.secretReference().isEmpty() ? Optional.empty()
					: secretHash.or(before::secretHash);
			StoredClient after = before.changed(definition, true, hash, ManagedBy.CONFIG, now);
			if (before.sameContentAs(after)) {
				return Outcome.UNCHANGED;
			}
			if (before.managedBy() == ManagedBy.API) {
				log.warn("Client {} of realm {} was made through the admin API; its realm file now declares it, "
						+ "so the file manages it from now on", client.clientId(), realm.name());
			}
			if (this.store.update(after)) {
				record("CLIENT_UPDATED", after, before);
				return Outcome.UPDATED;
			}
		}
		throw new IllegalStateException("Client " + client.clientId() + " of realm " + realm.name()
				+ " kept changing while the realm file was applied; start again");
	}

	private boolean deleteClient(String realm, String clientId) {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Optional<StoredClient> existing = this.store.find(realm, clientId);
			if (existing.isEmpty()) {
				return false;
			}
			if (existing.get().managedBy() != ManagedBy.CONFIG) {
				log.warn("Client {} of realm {} is listed under removedClients but was made through the admin API; "
						+ "left alone (disable or delete it there)", clientId, realm);
				return false;
			}
			if (this.store.delete(existing.get())) {
				record("CLIENT_DELETED", null, existing.get());
				return true;
			}
		}
		throw new IllegalStateException("Client " + clientId + " of realm " + realm
				+ " kept changing while the realm file was applied; start again");
	}

	/** The hash of the secret in the variable the file names; empty when it is not set. */
	private Optional<String> secretHash(Realm realm, ClientRegistration client) {
		if (client.secretReference().isEmpty()) {
			return Optional.empty();
		}
		String variable = client.secretReference().get();
		String secret = this.environment.apply(variable);
		if (secret == null || secret.isBlank()) {
			log.warn("Client {} of realm {}: its secret variable {} is not set; it keeps the secret stored before, "
					+ "if any, and cannot authenticate otherwise", client.clientId(), realm.name(), variable);
			return Optional.empty();
		}
		if (secret.length() < MIN_SECRET_LENGTH) {
			throw new IllegalStateException("Realm " + realm.name() + ", client " + client.clientId()
					+ ": the secret in " + variable + " is too short; it must have at least " + MIN_SECRET_LENGTH
					+ " characters (generate one with: openssl rand -base64 32)");
		}
		return Optional.of(this.hasher.encode(secret));
	}

	private void record(String type, StoredClient after, StoredClient before) {
		if (this.audit == null) {
			return;
		}
		StoredClient subject = (after != null) ? after : before;
		Map<String, String> details = new java.util.LinkedHashMap<>();
		details.put("managedBy", ManagedBy.CONFIG.value());
		if (before != null) {
			details.put("before", before.definition());
		}
		if (after != null) {
			details.put("after", after.definition());
			details.put("version", Long.toString(after.version()));
		}
		this.audit.record(AuditEvent.success(type, subject.realm())
			.actor(ACTOR)
			.client(subject.clientId())
			.target(subject.clientId())
			.with(details));
	}

}
