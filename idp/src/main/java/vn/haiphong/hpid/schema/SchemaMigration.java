package vn.haiphong.hpid.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;

import org.springframework.beans.factory.InitializingBean;

/**
 * Brings hpid's tables to this build's version before anything reads them, with Flyway.
 * <p>
 * Most starts find the schema already there: the history table lists exactly this
 * build's migrations, all applied, with the same checksums. That is read with one query
 * and Flyway is not started at all, as Keycloak skips Liquibase when its recorded version
 * matches. Starting Flyway costs about 0.7 s of a one-CPU start and loads some 1,000
 * classes (Jackson 2 among them) that the server never needs again. Any other answer —
 * no table, a migration missing, failed, extra or changed — goes to Flyway, which applies,
 * refuses or explains exactly as before, under its own lock.
 */
public final class SchemaMigration implements InitializingBean {

	private static final Log log = LogFactory.getLog(SchemaMigration.class);

	private static final String HISTORY_TABLE = "flyway_schema_history";

	private final DataSource dataSource;

	public SchemaMigration(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void afterPropertiesSet() {
		migrate();
	}

	/** @return whether Flyway had to run (false: the schema was already this build's) */
	public boolean migrate() {
		Optional<List<BundledMigration>> bundled = bundled();
		if (bundled.isPresent() && alreadyApplied(bundled.get())) {
			log.info("Schema is up to date: " + bundled.get().size() + " migrations applied, checksums match");
			return false;
		}
		Flyway.configure(getClass().getClassLoader())
			.dataSource(this.dataSource)
			.locations("classpath:" + BundledMigration.DIRECTORY)
			.load()
			.migrate();
		return true;
	}

	private Optional<List<BundledMigration>> bundled() {
		try {
			return BundledMigration.onClassPath(getClass().getClassLoader());
		}
		catch (IOException ex) {
			// The jar's own files unreadable: nothing this start could do about it.
			throw new UncheckedIOException("Cannot read the migrations in " + BundledMigration.DIRECTORY, ex);
		}
	}

	/**
	 * Whether the history table holds exactly these migrations, each applied successfully
	 * and unchanged.
	 */
	private boolean alreadyApplied(List<BundledMigration> bundled) {
		try (Connection connection = this.dataSource.getConnection()) {
			// Asked first, so that a new database does not log a failed query (H2 would
			// write it to the trace file in its data directory).
			return historyTableExists(connection) && applied(connection).equals(Optional.of(Set.copyOf(bundled)));
		}
		catch (SQLException ex) {
			// A history table this check cannot read: Flyway's turn.
			log.debug("Schema history not readable, Flyway decides: " + ex.getMessage());
			return false;
		}
	}

	private static boolean historyTableExists(Connection connection) throws SQLException {
		try (ResultSet tables = connection.getMetaData()
			.getTables(connection.getCatalog(), connection.getSchema(), HISTORY_TABLE, null)) {
			return tables.next();
		}
	}

	/**
	 * The migrations applied, or empty when a row is one only Flyway can judge: failed, not
	 * SQL, without a checksum, or twice. Flyway's own rows for the history table and a
	 * schema it created carry no migration.
	 */
	private static Optional<Set<BundledMigration>> applied(Connection connection) throws SQLException {
		Set<BundledMigration> applied = new HashSet<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("select version, description, type, checksum, success from " + HISTORY_TABLE)) {
			while (rows.next()) {
				String type = rows.getString("type");
				if ("TABLE".equals(type) || "SCHEMA".equals(type)) {
					continue;
				}
				int checksum = rows.getInt("checksum");
				boolean noChecksum = rows.wasNull();
				if (noChecksum || !"SQL".equals(type) || !rows.getBoolean("success") || !applied
					.add(new BundledMigration(rows.getString("version"), rows.getString("description"), checksum))) {
					return Optional.empty();
				}
			}
		}
		return Optional.of(applied);
	}

}
