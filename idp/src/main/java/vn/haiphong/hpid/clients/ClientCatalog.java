package vn.haiphong.hpid.clients;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.haiphong.hpid.realm.ClientDefinitions;
import vn.haiphong.hpid.realm.ClientRegistration;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;

/**
 * The clients in force on this node: an in-memory snapshot of the client store, so the
 * token endpoint never queries the database to find a client. The snapshot is replaced
 * when this node changes a client and on every reload ({@code hpid.clients.reload-interval}),
 * which is how changes made through other nodes arrive.
 */
public final class ClientCatalog {

	private static final Logger log = LoggerFactory.getLogger(ClientCatalog.class);

	private final ClientStore store;

	private final RealmRegistry realms;

	private volatile Snapshot snapshot = new Snapshot(Map.of());

	// The versions of the rows the snapshot was last built from (unreadable ones included).
	private Map<String, String> readVersions;

	// Rows whose definition could not be read, so each is reported once, not every reload.
	private final Map<String, StoredClient> unreadable = new HashMap<>();

	public ClientCatalog(ClientStore store, RealmRegistry realms) {
		this.store = Objects.requireNonNull(store, "store");
		this.realms = Objects.requireNonNull(realms, "realms");
	}

	/**
	 * A client as stored, with its settings read.
	 * @param stored the row
	 * @param registration its settings, the realm's defaults filled in
	 */
	public record Entry(StoredClient stored, ClientRegistration registration) {

		public boolean enabled() {
			return this.stored.enabled();
		}

	}

	/** An immutable view of every client, by {@link #key}; replaced whole, never changed. */
	public record Snapshot(Map<String, Entry> byKey) {

		public Snapshot {
			byKey = Map.copyOf(byKey);
		}

		public Optional<Entry> find(String realm, String clientId) {
			return Optional.ofNullable(this.byKey.get(key(realm, clientId)));
		}

	}

	public static String key(String realm, String clientId) {
		return realm + "/" + clientId;
	}

	public Snapshot snapshot() {
		return this.snapshot;
	}

	public Optional<Entry> find(String realm, String clientId) {
		return this.snapshot.find(realm, clientId);
	}

	/**
	 * Re-reads the store; the snapshot is replaced only when something changed. Only the
	 * versions are read when nothing did.
	 */
	public synchronized void refresh() {
		if (this.readVersions != null && this.readVersions.equals(this.store.versions())) {
			return;
		}
		List<StoredClient> rows = this.store.all();
		Map<String, String> versions = new HashMap<>();
		for (StoredClient row : rows) {
			versions.put(key(row.realm(), row.clientId()), row.version() + "@" + row.updatedAt());
		}
		Snapshot previous = this.snapshot;
		Map<String, Entry> next = new LinkedHashMap<>();
		boolean changed = false;
		for (StoredClient row : rows) {
			String key = key(row.realm(), row.clientId());
			Entry before = previous.byKey().get(key);
			if (before != null && before.stored().equals(row)) {
				next.put(key, before);
				continue;
			}
			Optional<Entry> entry = read(key, row);
			if (entry.isPresent()) {
				next.put(key, entry.get());
				changed = true;
			}
			else {
				changed |= before != null;
			}
		}
		changed |= next.size() != previous.byKey().size();
		if (changed) {
			publish(new Snapshot(next));
		}
		this.readVersions = versions;
	}

	private Optional<Entry> read(String key, StoredClient row) {
		Optional<Realm> realm = this.realms.find(row.realm());
		if (realm.isEmpty()) {
			return Optional.empty(); // its realm file is gone; the row waits for it
		}
		ClientDefinitions.Parsed parsed = ClientDefinitions.read(row.definition(), realm.get().tokens(),
				row.secretSource());
		if (parsed.client().isEmpty()) {
			if (!row.equals(this.unreadable.put(key, row))) {
				log.error("Client {} of realm {} (version {}) is not served: its stored settings are invalid: {}",
						row.clientId(), row.realm(), row.version(),
						parsed.errors().stream().map((e) -> e.fieldPath() + ": " + e.reason()).toList());
			}
			return Optional.empty();
		}
		this.unreadable.remove(key);
		return Optional.of(new Entry(row, parsed.client().get()));
	}

	private void publish(Snapshot next) {
		this.snapshot = next;
		Map<String, List<ClientRegistration>> enabled = new HashMap<>();
		for (Entry entry : next.byKey().values()) {
			if (entry.enabled()) {
				enabled.computeIfAbsent(entry.stored().realm(), (realm) -> new ArrayList<>()).add(entry.registration());
			}
		}
		this.realms.useClients(enabled);
	}

}
