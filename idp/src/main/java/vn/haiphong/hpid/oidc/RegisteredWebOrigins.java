package vn.haiphong.hpid.oidc;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import vn.haiphong.hpid.clients.ClientCatalog;

/**
 * The web origins the enabled clients of each realm registered ({@code webOrigins}), for
 * the CORS answers of {@link ProtocolCors}: built from the client catalog's in-memory
 * snapshot and rebuilt only when the catalog replaces it, so a browser request never
 * costs a database query. Origins are held as browsers send them, so a lookup is a
 * plain string comparison with the {@code Origin} header.
 */
final class RegisteredWebOrigins {

	private final PerSnapshot<Index> index;

	/** @param snapshots the catalog's current snapshot ({@link ClientCatalog#snapshot}) */
	RegisteredWebOrigins(Supplier<ClientCatalog.Snapshot> snapshots) {
		this.index = new PerSnapshot<>(snapshots, RegisteredWebOrigins::index);
	}

	/** Whether some enabled client of the realm registered the origin. */
	boolean inRealm(String realm, String origin) {
		Set<String> origins = this.index.get().byRealm().get(realm);
		return origins != null && origins.contains(origin);
	}

	/** Whether this client of the realm is enabled and registered the origin. */
	boolean ofClient(String realm, String clientId, String origin) {
		Set<String> origins = this.index.get().byClient().get(ClientCatalog.key(realm, clientId));
		return origins != null && origins.contains(origin);
	}

	private static Index index(ClientCatalog.Snapshot snapshot) {
		Map<String, Set<String>> byRealm = new HashMap<>();
		Map<String, Set<String>> byClient = new HashMap<>();
		for (ClientCatalog.Entry entry : snapshot.byKey().values()) {
			if (!entry.enabled() || entry.registration().webOrigins().isEmpty()) {
				continue;
			}
			String realm = entry.stored().realm();
			byRealm.computeIfAbsent(realm, (name) -> new HashSet<>()).addAll(entry.registration().webOrigins());
			byClient.put(ClientCatalog.key(realm, entry.stored().clientId()),
					Set.copyOf(entry.registration().webOrigins()));
		}
		byRealm.replaceAll((realm, origins) -> Set.copyOf(origins));
		return new Index(Map.copyOf(byRealm), Map.copyOf(byClient));
	}

	/**
	 * @param byRealm every origin registered in a realm, by realm name
	 * @param byClient each client's origins, by {@link ClientCatalog#key}
	 */
	private record Index(Map<String, Set<String>> byRealm, Map<String, Set<String>> byClient) {

	}

}
