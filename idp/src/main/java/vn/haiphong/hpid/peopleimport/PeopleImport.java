package vn.haiphong.hpid.peopleimport;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import vn.haiphong.hpid.security.Hashes;

/**
 * Imports people into a realm in batches, each in its own transaction, holding one batch
 * in memory whatever the size of the file. For each record, in this order:
 * <ol>
 * <li>a legacy id, e-mail or phone seen earlier in the file makes it a duplicate (the
 * first occurrence wins);</li>
 * <li>a legacy id already in the realm means it was imported before: skipped, so a re-run
 * creates no one twice;</li>
 * <li>an e-mail or phone that belongs to someone in the realm is a conflict: skipped, and
 * never merged, since only the owner can prove the two accounts are one person;</li>
 * <li>otherwise the person is created with the legacy hash, and the personal ID number,
 * if any, as an unverified claim.</li>
 * </ol>
 * The keys seen in the file live in a temporary table of this connection, not in the
 * JVM, and vanish with it. A dry run takes every step but the last write, so its report
 * is the same.
 */
final class PeopleImport {

	static final int DEFAULT_BATCH_SIZE = 1000;

	private static final String SEEN_TABLE = "hpid_import_seen";

	private final Connection connection;

	private final String realm;

	private final String source;

	private final boolean dryRun;

	private final int batchSize;

	private final Clock clock;

	private final ImportReport report;

	/** PostgreSQL never gathers statistics on a temporary table by itself. */
	private boolean postgres;

	private long seenRows;

	private long seenRowsAtLastAnalyze;

	PeopleImport(Connection connection, String realm, String source, boolean dryRun, int batchSize, Clock clock,
			ImportReport report) {
		this.connection = Objects.requireNonNull(connection, "connection");
		this.realm = Objects.requireNonNull(realm, "realm");
		this.source = Objects.requireNonNull(source, "source");
		this.dryRun = dryRun;
		if (batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1");
		}
		this.batchSize = batchSize;
		this.clock = Objects.requireNonNull(clock, "clock");
		this.report = Objects.requireNonNull(report, "report");
	}

	void run(RecordReader reader) throws IOException, SQLException {
		this.connection.setAutoCommit(false);
		this.postgres = "PostgreSQL".equals(this.connection.getMetaData().getDatabaseProductName());
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("create local temporary table " + SEEN_TABLE
					+ " (k varchar(400) primary key, line bigint not null)");
		}
		this.connection.commit();
		try {
			List<Pending> batch = new ArrayList<>(this.batchSize);
			for (InputRow row = reader.next(); row != null; row = reader.next()) {
				this.report.read();
				if (row instanceof InputRow.Unreadable unreadable) {
					batch.add(Pending.decided(() -> this.report.invalid(List.of(unreadable.problem()))));
				}
				else {
					LegacyRecord.Result parsed = LegacyRecord.parse((InputRow.Fields) row, this.clock);
					batch.add(parsed.valid() ? new Pending(parsed.record())
							: Pending.decided(() -> this.report.invalid(parsed.problems())));
				}
				if (batch.size() == this.batchSize) {
					importBatch(batch);
					batch.clear();
				}
			}
			importBatch(batch);
		}
		finally {
			dropSeenTable();
		}
	}

	/** Tidies up; the temporary table would vanish with the connection anyway. */
	private void dropSeenTable() {
		try {
			this.connection.rollback();
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("drop table " + SEEN_TABLE);
			}
			this.connection.commit();
		}
		catch (SQLException ex) {
			// Keep the error that ended the import, not this one.
		}
	}

	/**
	 * A record of the current batch and, once decided, what to report about it. The
	 * report is written in the order of the file, after the batch is decided.
	 */
	private static final class Pending {

		final LegacyRecord record;

		Runnable outcome;

		Pending(LegacyRecord record) {
			this.record = record;
		}

		static Pending decided(Runnable outcome) {
			Pending pending = new Pending(null);
			pending.outcome = outcome;
			return pending;
		}

	}

	private void importBatch(List<Pending> batch) throws SQLException {
		List<Pending> valid = batch.stream().filter((pending) -> pending.outcome == null).toList();
		if (!valid.isEmpty()) {
			List<Pending> firsts = withoutDuplicates(valid);
			List<Pending> fresh = withoutExisting(firsts);
			if (!this.dryRun) {
				insert(fresh);
			}
			else {
				fresh.forEach((pending) -> pending.outcome = this.report::imported);
			}
		}
		batch.forEach((pending) -> pending.outcome.run());
	}

	/** Step 1: keeps the records whose keys the file has not shown before, and remembers them. */
	private List<Pending> withoutDuplicates(List<Pending> batch) throws SQLException {
		List<String> keys = new ArrayList<>(batch.size() * 3);
		for (Pending pending : batch) {
			keys.addAll(keys(pending.record).keySet());
		}
		Map<String, Long> seen = new HashMap<>(select("select k, line from " + SEEN_TABLE + " where k in (%s)", keys,
				(rs) -> Map.entry(rs.getString(1), rs.getLong(2))));
		Map<String, Long> added = new LinkedHashMap<>();
		List<Pending> firsts = new ArrayList<>(batch.size());
		for (Pending pending : batch) {
			LegacyRecord record = pending.record;
			Map<String, String> recordKeys = keys(record);
			Map.Entry<String, String> repeated = recordKeys.entrySet()
				.stream()
				.filter((key) -> seen.containsKey(key.getKey()))
				.findFirst()
				.orElse(null);
			if (repeated != null) {
				long firstLine = seen.get(repeated.getKey());
				pending.outcome = () -> this.report.duplicate(record, repeated.getValue(), firstLine);
				continue;
			}
			for (String key : recordKeys.keySet()) {
				seen.put(key, record.line());
				added.put(key, record.line());
			}
			firsts.add(pending);
		}
		try (PreparedStatement insert = this.connection
			.prepareStatement("insert into " + SEEN_TABLE + " (k, line) values (?, ?)")) {
			for (Map.Entry<String, Long> key : added.entrySet()) {
				insert.setString(1, key.getKey());
				insert.setLong(2, key.getValue());
				insert.addBatch();
			}
			insert.executeBatch();
		}
		this.seenRows += added.size();
		if (this.postgres && this.seenRows >= 2 * this.seenRowsAtLastAnalyze + 1000) {
			// PostgreSQL never gathers statistics on a temporary table, and autovacuum comes
			// late to a table that grows this fast: without them the planner takes both for
			// small tables and scans them whole for every batch, which makes the import
			// quadratic. Analysing at each doubling costs a few dozen quick runs per million.
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("analyze " + SEEN_TABLE);
				statement.execute("analyze person");
			}
			this.seenRowsAtLastAnalyze = this.seenRows;
		}
		this.connection.commit();
		return firsts;
	}

	/** The keys that make two records the same person, each with the field it comes from. */
	private static Map<String, String> keys(LegacyRecord record) {
		Map<String, String> keys = new LinkedHashMap<>(4);
		keys.put("L:" + record.legacyId(), LegacyRecord.LEGACY_ID);
		record.emailNormalized().ifPresent((email) -> keys.put("E:" + email, LegacyRecord.EMAIL));
		record.phone().ifPresent((phone) -> keys.put("P:" + phone, LegacyRecord.PHONE));
		return keys;
	}

	/** Steps 2 and 3: keeps the records that match nobody in the realm. */
	private List<Pending> withoutExisting(List<Pending> records) throws SQLException {
		if (records.isEmpty()) {
			return records;
		}
		List<String> legacyIds = records.stream().map((p) -> p.record.legacyId()).toList();
		List<String> emails = records.stream().flatMap((p) -> p.record.emailNormalized().stream()).toList();
		List<String> phones = records.stream().flatMap((p) -> p.record.phone().stream()).toList();
		Map<String, String> byLegacyId = new HashMap<>();
		Map<String, String> byEmail = new HashMap<>();
		Map<String, String> byPhone = new HashMap<>();
		for (Existing existing : existing(legacyIds, emails, phones)) {
			if (existing.legacyId() != null) {
				byLegacyId.put(existing.legacyId(), existing.id());
			}
			if (existing.email() != null) {
				byEmail.put(existing.email(), existing.id());
			}
			if (existing.phone() != null) {
				byPhone.put(existing.phone(), existing.id());
			}
		}
		List<Pending> fresh = new ArrayList<>(records.size());
		for (Pending pending : records) {
			LegacyRecord record = pending.record;
			String before = byLegacyId.get(record.legacyId());
			String sameEmail = record.emailNormalized().map(byEmail::get).orElse(null);
			String samePhone = record.phone().map(byPhone::get).orElse(null);
			if (before != null) {
				pending.outcome = () -> this.report.alreadyImported(record, before);
			}
			else if (sameEmail != null) {
				pending.outcome = () -> this.report.conflict(record, LegacyRecord.EMAIL, sameEmail);
			}
			else if (samePhone != null) {
				pending.outcome = () -> this.report.conflict(record, LegacyRecord.PHONE, samePhone);
			}
			else {
				fresh.add(pending);
			}
		}
		return fresh;
	}

	private record Existing(String id, String legacyId, String email, String phone) {
	}

	private List<Existing> existing(List<String> legacyIds, List<String> emails, List<String> phones)
			throws SQLException {
		// One query per key rather than one with OR: each then uses its own unique index even
		// before PostgreSQL has statistics on a freshly filled table.
		String columns = "select id, legacy_id, email_normalized, phone from person where realm = ? and ";
		StringBuilder sql = new StringBuilder(columns).append("legacy_id in (")
			.append(placeholders(legacyIds.size()))
			.append(')');
		if (!emails.isEmpty()) {
			sql.append(" union all ").append(columns).append("email_normalized in (")
				.append(placeholders(emails.size())).append(')');
		}
		if (!phones.isEmpty()) {
			sql.append(" union all ").append(columns).append("phone in (").append(placeholders(phones.size()))
				.append(')');
		}
		List<Existing> found = new ArrayList<>();
		try (PreparedStatement query = this.connection.prepareStatement(sql.toString())) {
			int index = 1;
			for (List<String> values : List.of(legacyIds, emails, phones)) {
				if (values.isEmpty()) {
					continue;
				}
				query.setString(index++, this.realm);
				for (String value : values) {
					query.setString(index++, value);
				}
			}
			try (ResultSet rs = query.executeQuery()) {
				while (rs.next()) {
					found.add(new Existing(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
				}
			}
		}
		this.connection.commit();
		return found;
	}

	/** Step 4, one transaction for the batch; if someone registered meanwhile, row by row. */
	private void insert(List<Pending> pendings) throws SQLException {
		if (pendings.isEmpty()) {
			return;
		}
		List<LegacyRecord> records = pendings.stream().map((pending) -> pending.record).toList();
		List<String> ids = new ArrayList<>(records.size());
		records.forEach((record) -> ids.add(Hashes.randomToken(16)));
		try {
			write(records, ids);
			this.connection.commit();
			pendings.forEach((pending) -> pending.outcome = this.report::imported);
		}
		catch (SQLException ex) {
			this.connection.rollback();
			for (int i = 0; i < records.size(); i++) {
				pendings.get(i).outcome = insertAlone(records.get(i), ids.get(i));
			}
		}
	}

	private Runnable insertAlone(LegacyRecord record, String id) throws SQLException {
		try {
			write(List.of(record), List.of(id));
			this.connection.commit();
			return this.report::imported;
		}
		catch (SQLException ex) {
			this.connection.rollback();
			if (ex.getSQLState() == null || !ex.getSQLState().startsWith("23")) {
				throw ex;
			}
			// A unique index refused it: the e-mail, phone or legacy id was registered while the import ran.
			String holder = conflictingPerson(record);
			return () -> this.report.conflict(record, "email/phone/legacy_id", holder);
		}
	}

	private String conflictingPerson(LegacyRecord record) throws SQLException {
		List<Existing> found = existing(List.of(record.legacyId()), record.emailNormalized().stream().toList(),
				record.phone().stream().toList());
		return found.isEmpty() ? null : found.get(0).id();
	}

	private void write(List<LegacyRecord> records, List<String> ids) throws SQLException {
		Timestamp now = Timestamp.from(this.clock.instant());
		try (PreparedStatement person = this.connection.prepareStatement("""
				insert into person (id, realm, email, email_normalized, phone, display_name, password_hash, status,
				    legacy_id, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?)""");
				PreparedStatement claim = this.connection.prepareStatement("""
						insert into unverified_personal_id (realm, person_id, personal_id, source, recorded_at)
						values (?, ?, ?, ?, ?)""")) {
			boolean claims = false;
			for (int i = 0; i < records.size(); i++) {
				LegacyRecord record = records.get(i);
				person.setString(1, ids.get(i));
				person.setString(2, this.realm);
				person.setString(3, record.email().orElse(null));
				person.setString(4, record.emailNormalized().orElse(null));
				person.setString(5, record.phone().orElse(null));
				person.setString(6, record.displayName().orElse(null));
				person.setString(7, record.passwordHash());
				person.setString(8, record.legacyId());
				person.setTimestamp(9, now);
				person.setTimestamp(10, now);
				person.addBatch();
				if (record.unverifiedPersonalId().isPresent()) {
					claim.setString(1, this.realm);
					claim.setString(2, ids.get(i));
					claim.setString(3, record.unverifiedPersonalId().get().value());
					claim.setString(4, this.source);
					claim.setTimestamp(5, now);
					claim.addBatch();
					claims = true;
				}
			}
			person.executeBatch();
			if (claims) {
				claim.executeBatch();
			}
		}
	}

	private interface RowMapper<T> {

		T map(ResultSet rs) throws SQLException;

	}

	private <K, V> Map<K, V> select(String sqlTemplate, List<String> values, RowMapper<Map.Entry<K, V>> mapper)
			throws SQLException {
		if (values.isEmpty()) {
			return Collections.emptyMap();
		}
		Map<K, V> result = new HashMap<>();
		try (PreparedStatement query = this.connection
			.prepareStatement(String.format(sqlTemplate, placeholders(values.size())))) {
			for (int i = 0; i < values.size(); i++) {
				query.setString(i + 1, values.get(i));
			}
			try (ResultSet rs = query.executeQuery()) {
				while (rs.next()) {
					Map.Entry<K, V> entry = mapper.map(rs);
					result.put(entry.getKey(), entry.getValue());
				}
			}
		}
		return result;
	}

	private static String placeholders(int count) {
		return String.join(",", Collections.nCopies(count, "?"));
	}

}
