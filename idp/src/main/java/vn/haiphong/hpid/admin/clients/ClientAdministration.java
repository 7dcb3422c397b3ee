package vn.haiphong.hpid.admin.clients;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

import vn.haiphong.hpid.admin.AdminAudit;
import vn.haiphong.hpid.admin.AdminProblem;
import vn.haiphong.hpid.clients.ClientCatalog;
import vn.haiphong.hpid.clients.ClientStore;
import vn.haiphong.hpid.clients.ManagedBy;
import vn.haiphong.hpid.clients.StoredClient;
import vn.haiphong.hpid.realm.ClientDefinitions;
import vn.haiphong.hpid.realm.ClientRegistration;
import vn.haiphong.hpid.realm.ClientRegistration.ClientAuthMethod;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.security.ClientSecretHasher;
import vn.haiphong.hpid.security.Hashes;

/**
 * Creates, changes and rotates the secrets of clients on behalf of the admin API. Writes
 * are conditional on the version read (a concurrent change gives 412, never a lost
 * update), refresh this node's catalog at once (other nodes see them within
 * {@code hpid.clients.reload-interval}) and are audited with the client before and after.
 * A secret is generated here, returned once and stored only as its keyed hash.
 */
final class ClientAdministration {

	/** 32 random bytes: 43 characters in base64url, above the 32-character minimum. */
	static final int SECRET_BYTES = 32;

	/** The size of {@code oauth_client.definition}. */
	static final int MAX_DEFINITION_LENGTH = 16_000;

	private final ClientStore store;

	private final ClientCatalog catalog;

	private final ClientSecretHasher hasher;

	private final AdminAudit audit;

	private final JsonMapper json;

	private final Clock clock;

	ClientAdministration(ClientStore store, ClientCatalog catalog, ClientSecretHasher hasher, AdminAudit audit,
			JsonMapper json, Clock clock) {
		this.store = store;
		this.catalog = catalog;
		this.hasher = hasher;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	/** A client as the API shows it, and the secret to show once (after a creation or rotation). */
	record Result(Map<String, Object> client, long version, Optional<String> secret) {

	}

	List<Map<String, Object>> list(Realm realm) {
		return this.store.inRealm(realm.name()).stream().flatMap((row) -> view(realm, row).stream()).toList();
	}

	Result get(Realm realm, String clientId) {
		StoredClient row = find(realm, clientId);
		return new Result(viewOf(realm, row), row.version(), Optional.empty());
	}

	Result create(Realm realm, ClientRequest request) {
		ClientRegistration client = request.client();
		Optional<String> secret = usesSecret(client) ? Optional.of(Hashes.randomToken(SECRET_BYTES)) : Optional.empty();
		Instant now = now();
		StoredClient row = new StoredClient(realm.name(), client.clientId(), definition(realm, client),
				request.enabled().orElse(true), secret.map(this.hasher::encode), ManagedBy.API, 1, now, now);
		if (!this.store.insert(row)) {
			throw AdminProblem.conflict("client-exists", "Client exists",
					"The realm " + realm.name() + " already has a client " + client.clientId());
		}
		this.catalog.refresh();
		Map<String, Object> view = viewOf(realm, row);
		this.audit.recordForClient("ADMIN_CLIENT_CREATE", realm.name(), client.clientId(), null, view, Map.of());
		return new Result(view, row.version(), secret);
	}

	/**
	 * @param ifMatch the If-Match header: required, compared with the stored version
	 * @param body the request, parsed once the client is known to be writable at this version
	 */
	Result replace(Realm realm, String clientId, String ifMatch, Supplier<ClientRequest> body) {
		StoredClient before = writable(realm, clientId);
		if (ifMatch == null || ifMatch.isBlank()) {
			throw new AdminProblem(428, "precondition-required", "If-Match required",
					"Send If-Match with the ETag of the client you read (\"" + before.version()
							+ "\" now), so that a change made meanwhile is not overwritten");
		}
		checkVersion(before, ifMatch);
		ClientRequest request = body.get();
		ClientRegistration client = request.client();
		Optional<String> secret = Optional.empty();
		Optional<String> secretHash = Optional.empty();
		if (usesSecret(client)) {
			secretHash = before.secretHash();
			if (secretHash.isEmpty()) {
				// Became confidential: it needs a secret, shown once like at a creation.
				secret = Optional.of(Hashes.randomToken(SECRET_BYTES));
				secretHash = secret.map(this.hasher::encode);
			}
		}
		StoredClient after = before.changed(definition(realm, client), request.enabled().orElse(before.enabled()),
				secretHash, ManagedBy.API, now());
		if (before.sameContentAs(after)) {
			// Nothing to change: the version (ETag) stays, so a repeated PUT is harmless.
			return new Result(viewOf(realm, before), before.version(), Optional.empty());
		}
		write(before, after);
		Map<String, Object> view = viewOf(realm, after);
		this.audit.recordForClient("ADMIN_CLIENT_UPDATE", realm.name(), clientId, viewOf(realm, before), view,
				Map.of());
		return new Result(view, after.version(), secret);
	}

	/** A new secret; the old one stops working on this node now, on the others at their next reload. */
	Result rotateSecret(Realm realm, String clientId, String ifMatch) {
		StoredClient before = writable(realm, clientId);
		if (ifMatch != null && !ifMatch.isBlank()) {
			checkVersion(before, ifMatch);
		}
		ClientRegistration client = registration(realm, before);
		if (!usesSecret(client)) {
			throw AdminProblem.conflict("client-has-no-secret", "Client has no secret", "The client " + clientId
					+ " does not authenticate with a secret (public, or private_key_jwt)");
		}
		String secret = Hashes.randomToken(SECRET_BYTES);
		StoredClient after = before.changed(before.definition(), before.enabled(),
				Optional.of(this.hasher.encode(secret)), ManagedBy.API, now());
		write(before, after);
		Map<String, Object> view = viewOf(realm, after);
		this.audit.recordForClient("ADMIN_CLIENT_SECRET_ROTATE", realm.name(), clientId, viewOf(realm, before), view,
				Map.of());
		return new Result(view, after.version(), Optional.of(secret));
	}

	/** Microseconds: what both databases keep, so a response shows what a later GET reads. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private void write(StoredClient before, StoredClient after) {
		if (!this.store.update(after)) {
			throw stale(before.clientId());
		}
		this.catalog.refresh();
	}

	private StoredClient find(Realm realm, String clientId) {
		return this.store.find(realm.name(), clientId)
			.orElseThrow(() -> AdminProblem.notFound("The realm " + realm.name() + " has no client " + clientId));
	}

	private StoredClient writable(Realm realm, String clientId) {
		StoredClient row = find(realm, clientId);
		if (row.managedBy() == ManagedBy.CONFIG) {
			throw AdminProblem.conflict("managed-by-configuration", "Managed by configuration",
					"The client " + clientId + " comes from the realm file of " + realm.name()
							+ "; change it there (it is applied at the next start)");
		}
		return row;
	}

	/** RFC 9110 §13.1.1: a list of entity tags, or {@code *}; weak tags compare weakly. */
	private static void checkVersion(StoredClient current, String ifMatch) {
		String expected = "\"" + current.version() + "\"";
		for (String tag : ifMatch.split(",")) {
			String value = tag.strip();
			if (value.equals("*") || value.equals(expected) || value.equals("W/" + expected)) {
				return;
			}
		}
		throw stale(current.clientId());
	}

	private static AdminProblem stale(String clientId) {
		return new AdminProblem(412, "precondition-failed", "Changed meanwhile", "The client " + clientId
				+ " changed since you read it; nothing was written. Read it again (GET) and re-apply your change");
	}

	private String definition(Realm realm, ClientRegistration client) {
		String definition = this.json.writeValueAsString(ClientDefinitions.write(client, realm.tokens()));
		if (definition.length() > MAX_DEFINITION_LENGTH) {
			throw AdminProblem.invalid("", "the client's settings take " + definition.length()
					+ " characters; at most " + MAX_DEFINITION_LENGTH + " are kept (fewer or shorter URIs)");
		}
		return definition;
	}

	private static boolean usesSecret(ClientRegistration client) {
		return client.authenticationMethods().contains(ClientAuthMethod.CLIENT_SECRET_BASIC)
				|| client.authenticationMethods().contains(ClientAuthMethod.CLIENT_SECRET_POST);
	}

	private static ClientRegistration registration(Realm realm, StoredClient row) {
		return ClientDefinitions.read(row.definition(), realm.tokens(), row.secretSource())
			.client()
			.orElseThrow(() -> new IllegalStateException("Stored client " + row.clientId() + " of realm "
					+ realm.name() + " is unreadable"));
	}

	private static Map<String, Object> viewOf(Realm realm, StoredClient row) {
		return view(realm, row).orElseThrow(() -> new IllegalStateException(
				"Stored client " + row.clientId() + " of realm " + realm.name() + " is unreadable"));
	}

	/**
	 * The client JSON of the admin API: the realm-file fields (so a GET can be edited and
	 * PUT back) without the secret reference, then enabled, managedBy, version and times.
	 */
	private static Optional<Map<String, Object>> view(Realm realm, StoredClient row) {
		Optional<ClientRegistration> client = ClientDefinitions
			.read(row.definition(), realm.tokens(), row.secretSource())
			.client();
		if (client.isEmpty()) {
			return Optional.empty();
		}
		Map<String, Object> view = new LinkedHashMap<>(ClientDefinitions.write(client.get(), realm.tokens()));
		view.remove("secret");
		view.put("enabled", row.enabled());
		view.put("managedBy", row.managedBy().value());
		view.put("version", row.version());
		view.put("createdAt", row.createdAt().toString());
		view.put("updatedAt", row.updatedAt().toString());
		return Optional.of(view);
	}

}
