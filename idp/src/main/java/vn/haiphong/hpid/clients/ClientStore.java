package vn.haiphong.hpid.clients;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The durable client store. Writes are conditional (insert fails on an existing key,
 * update and delete name the version they expect), so several nodes writing at once,
 * e.g. all starting together, never overwrite each other's changes unnoticed.
 */
public final class ClientStore {

	private static final String COLUMNS = "realm, client_id, definition, enabled, secret_hash, managed_by, version, "
			+ "created_at, updated_at";

	private final JdbcClient jdbc;

	public ClientStore(JdbcClient jdbc) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
	}

	public List<StoredClient> all() {
		return this.jdbc.sql("select " + COLUMNS + " from oauth_client order by realm, client_id")
			.query(ClientStore::row)
			.list();
	}

	/**
	 * What changes with every write of each client: its version and update time, by
	 * {@code realm/clientId}. Cheap to read, so nodes can poll it often.
	 */
	public Map<String, String> versions() {
		Map<String, String> versions = new HashMap<>();
		this.jdbc.sql("select realm, client_id, version, updated_at from oauth_client")
			.query((rs) -> {
				versions.put(rs.getString("realm") + "/" + rs.getString("client_id"),
						rs.getLong("version") + "@" + rs.getTimestamp("updated_at").toInstant());
			});
		return versions;
	}

	public List<StoredClient> inRealm(String realm) {
		return this.jdbc.sql("select " + COLUMNS + " from oauth_client where realm = ? order by client_id")
			.param(realm)
			.query(ClientStore::row)
			.list();
	}

	public Optional<StoredClient> find(String realm, String clientId) {
		return this.jdbc.sql("select " + COLUMNS + " from oauth_client where realm = ? and client_id = ?")
			.params(realm, clientId)
			.query(ClientStore::row)
			.optional();
	}

	/** Adds a client; false when the realm already has one with this id. */
	public boolean insert(StoredClient client) {
		try {
			this.jdbc.sql("insert into oauth_client (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(client.realm(), client.clientId(), client.definition(), client.enabled(),
						client.secretHash().orElse(null), client.managedBy().value(), client.version(),
						Timestamp.from(client.createdAt()), Timestamp.from(client.updatedAt()))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Replaces a client whose stored version is {@code client.version() - 1}; false when
	 * someone changed (or deleted) it meanwhile.
	 */
	public boolean update(StoredClient client) {
		return this.jdbc.sql("""
				update oauth_client set definition = ?, enabled = ?, secret_hash = ?, managed_by = ?, version = ?,
				    updated_at = ?
				where realm = ? and client_id = ? and version = ?""")
			.params(client.definition(), client.enabled(), client.secretHash().orElse(null),
					client.managedBy().value(), client.version(), Timestamp.from(client.updatedAt()), client.realm(),
					client.clientId(), client.version() - 1)
			.update() == 1;
	}

	/** Deletes the client if it is still at this version; false otherwise. */
	public boolean delete(StoredClient client) {
		return this.jdbc.sql("delete from oauth_client where realm = ? and client_id = ? and version = ?")
			.params(client.realm(), client.clientId(), client.version())
			.update() == 1;
	}

	private static StoredClient row(ResultSet rs, int rowNum) throws SQLException {
		String managedBy = rs.getString("managed_by");
		return new StoredClient(rs.getString("realm"), rs.getString("client_id"), rs.getString("definition"),
				rs.getBoolean("enabled"), Optional.ofNullable(rs.getString("secret_hash")),
				ManagedBy.parse(managedBy)
					.orElseThrow(() -> new IllegalStateException("Unknown managed_by value " + managedBy)),
				rs.getLong("version"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

}
