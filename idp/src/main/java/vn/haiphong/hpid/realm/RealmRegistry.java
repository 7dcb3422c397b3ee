package vn.haiphong.hpid.realm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The realms in force, as read from the realm files at start. Demo clients are dropped
 * unless the demo is on.
 */
public final class RealmRegistry {

	private final Map<String, Realm> realms;

	public RealmRegistry(Collection<Realm> realms, boolean demo) {
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

	private static Realm withoutDemoClients(Realm realm) {
		List<ClientRegistration> clients = new ArrayList<>();
		for (ClientRegistration client : realm.clients()) {
			if (!client.demo()) {
				clients.add(client);
			}
		}
		return new Realm(realm.name(), realm.displayName(), realm.selfRegistration(), realm.passwordPolicy(),
				realm.tokens(), realm.sessions(), clients, realm.upstreams(), realm.secondFactor(), realm.branding());
	}

}
