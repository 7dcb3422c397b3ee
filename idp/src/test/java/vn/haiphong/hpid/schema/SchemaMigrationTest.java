package vn.haiphong.hpid.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.haiphong.hpid.TestDatabases;

/**
 * The start skips Flyway only when the history table says the schema is exactly this
 * build's, with Flyway's own checksums; every other case goes to Flyway, on H2 and on
 * PostgreSQL.
 */
class SchemaMigrationTest {

	@RegisterExtension
	final TestDatabases databases = new TestDatabases("hpid_schema_test");

	@Test
	void onH2() throws IOException {
		skipsFlywayOnlyForThisBuildsSchema(TestDatabases.h2());
	}

	@Test
	void onPostgres() throws IOException {
		skipsFlywayOnlyForThisBuildsSchema(this.databases.postgres());
	}

	private void skipsFlywayOnlyForThisBuildsSchema(DataSource dataSource) throws IOException {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		SchemaMigration migration = new SchemaMigration(dataSource);

		// A new database: Flyway creates everything.
		assertThat(migration.migrate()).as("Flyway runs on a new database").isTrue();
		List<BundledMigration> bundled = BundledMigration.onClassPath(getClass().getClassLoader()).orElseThrow();
		List<BundledMigration> recordedByFlyway = jdbc
			.sql("select version, description, checksum from flyway_schema_history where type = 'SQL'"
					+ " order by installed_rank")
			.query((row, n) -> new BundledMigration(row.getString(1), row.getString(2), row.getInt(3)))
			.list();
		assertThat(bundled).as("what this check computes is what Flyway recorded")
			.containsExactlyInAnyOrderElementsOf(recordedByFlyway)
			.hasSizeGreaterThanOrEqualTo(9);

		// Started again on it: nothing to do, Flyway is not needed.
		assertThat(migration.migrate()).as("Flyway skipped on this build's schema").isFalse();

		// An applied migration whose file changed since: Flyway's validation refuses to start.
		jdbc.sql("update flyway_schema_history set checksum = checksum + 1 where version = '3'").update();
		assertThatExceptionOfType(FlywayValidateException.class).isThrownBy(migration::migrate)
			.withMessageContaining("checksum mismatch");
		jdbc.sql("update flyway_schema_history set checksum = checksum - 1 where version = '3'").update();

		// A failed migration on record: Flyway's turn (it refuses to go on until repaired).
		jdbc.sql("update flyway_schema_history set success = false where version = '9'").update();
		assertThatExceptionOfType(FlywayValidateException.class).isThrownBy(migration::migrate);
		jdbc.sql("update flyway_schema_history set success = true where version = '9'").update();
		assertThat(migration.migrate()).isFalse();
	}

	@Test
	void anOlderSchemaIsMigratedByFlyway() {
		DataSource dataSource = TestDatabases.h2();
		Flyway.configure().dataSource(dataSource).target("8").load().migrate();

		assertThat(new SchemaMigration(dataSource).migrate()).as("V9 pending").isTrue();

		assertThat(JdbcClient.create(dataSource)
			.sql("select count(*) from flyway_schema_history where version = '9' and success")
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(new SchemaMigration(dataSource).migrate()).isFalse();
	}

	@Test
	void aNewDatabaseIsCreatedWithoutAFailedQuery(@TempDir Path directory) throws IOException {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:file:" + directory.resolve("hpid") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");

		assertThat(new SchemaMigration(dataSource).migrate()).isTrue();

		// H2 writes failed statements to a trace file beside the database, in the data directory.
		try (Stream<Path> files = Files.list(directory)) {
			assertThat(files.map(file -> file.getFileName().toString())).containsExactly("hpid.mv.db");
		}
	}

	@Test
	void checksumIgnoresLineEndingsAndByteOrderMarkLikeFlyway() throws IOException {
		int plain = BundledMigration.checksum(utf8("create table t (x int);\n-- Hải Phòng\n"));
		assertThat(BundledMigration.checksum(utf8("\uFEFFcreate table t (x int);\r\n-- Hải Phòng\r\n"))).isEqualTo(plain);
		assertThat(BundledMigration.checksum(utf8("create table t (x int);\n-- Hai Phong\n"))).isNotEqualTo(plain);
	}

	private static ByteArrayInputStream utf8(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

}
