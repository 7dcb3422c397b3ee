package vn.haiphong.hpid.realm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The realms in force: their settings as read from the realm files at start, their
 * clients as currently in the client store (file clients and clients added through the
 * admin API; see {@link #useClients}). Demo clients are dropped unless the demo is on.
 */
public final class RealmRegistry {

	private final boolean demo;

	private final List<Realm> fromFiles;

	private volatile Map<String, Realm> realms;

	public RealmRegistry(Collection<Realm> realms, boolean demo) {
		this.demo = demo;
		this.fromFiles = List.copyOf(realms);
		Map<String, Realm> byName = new LinkedHashMap<>();
		for (Realm realm : realms) {
			byName.put(realm.name(), demo ? realm : withoutDemoClients(realm));
		}
		this.realms = Map.copyOf(byName);
	}

	public Optional<Realm> find(String name) {
		return Optional.ofNullable(this.realms.get(name));
	}

	public Collection<Realm> all() {
		return this.realms.values();
	}

	/** The realms exactly as their files declare them, demo clients included. */
	public List<Realm> fromFiles() {
		return this.fromFiles;
	}

	public boolean demo() {
		return this.demo;
	}

	/**
	 * Replaces the clients of every realm by the enabled clients of the client store, so
	 * that whatever reads {@link Realm#clients()} sees what the token endpoint serves.
	 * Realms missing from the map keep no clients.
	 */
	public void useClients(Map<String, List<ClientRegistration>> clientsByRealm) {
		Map<String, Realm> byName = new LinkedHashMap<>();
		for (Realm realm : this.realms.values()) {
			byName.put(realm.name(), realm.withClients(clientsByRealm.getOrDefault(realm.name(), List.of())));
		}
		this.realms = Map.copyOf(byName);
	}

	private static Realm withoutDemoClients(Realm realm) {
		List<ClientRegistration> clients = new ArrayList<>();
		for (ClientRegistration client : realm.clients()) {
			if (!client.demo()) {
				clients.add(client);
			}
		}
		return realm.withClients(clients);
	}

}
