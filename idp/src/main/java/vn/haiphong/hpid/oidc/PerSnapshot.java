package vn.haiphong.hpid.oidc;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import vn.haiphong.hpid.clients.ClientCatalog;

/**
 * A value derived from the client catalog's in-memory snapshot (the clients as Spring
 * sees them, the web origins), built again only when the catalog replaces the snapshot:
 * a request pays one reference comparison, and one build follows each reload that
 * changed something, however many threads ask at once.
 */
final class PerSnapshot<T> {

	private final Supplier<ClientCatalog.Snapshot> snapshots;

	private final Function<ClientCatalog.Snapshot, T> build;

	private volatile Built<T> built;

	/** @param snapshots the catalog's current snapshot ({@link ClientCatalog#snapshot}) */
	PerSnapshot(Supplier<ClientCatalog.Snapshot> snapshots, Function<ClientCatalog.Snapshot, T> build) {
		this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
		this.build = Objects.requireNonNull(build, "build");
	}

	T get() {
		ClientCatalog.Snapshot snapshot = this.snapshots.get();
		Built<T> current = this.built;
		if (current != null && current.snapshot() == snapshot) {
			return current.value();
		}
		synchronized (this) {
			current = this.built;
			if (current == null || current.snapshot() != snapshot) {
				current = new Built<>(snapshot, this.build.apply(snapshot));
				this.built = current;
			}
			return current.value();
		}
	}

	private record Built<T>(ClientCatalog.Snapshot snapshot, T value) {
	}

}
