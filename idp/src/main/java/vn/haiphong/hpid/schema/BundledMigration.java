package vn.haiphong.hpid.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A versioned SQL migration shipped in this build, as Flyway describes it in its history
 * table: version, description and checksum.
 *
 * @param version the version as Flyway writes it ({@code V1_1__x.sql} is {@code 1.1})
 * @param description the description as Flyway writes it (underscores become spaces)
 * @param checksum Flyway's checksum of the file
 */
record BundledMigration(String version, String description, int checksum) {

	/** Where the migrations are on the class path, for Flyway and for this check alike. */
	static final String DIRECTORY = "db/migration";

	private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9_.]*)__(.+)\\.sql");

	/**
	 * The migrations of this build, or empty when a file there is not a plain versioned
	 * SQL migration: then only Flyway itself can tell what it would do.
	 */
	static Optional<List<BundledMigration>> onClassPath(ClassLoader classLoader) throws IOException {
		// classpath*: like Flyway, which looks in every class-path root for the location.
		Resource[] files = new PathMatchingResourcePatternResolver(classLoader)
			.getResources("classpath*:" + DIRECTORY + "/*");
		List<BundledMigration> migrations = new ArrayList<>(files.length);
		for (Resource file : files) {
			Matcher name = VERSIONED.matcher(String.valueOf(file.getFilename()));
			if (!name.matches()) {
				return Optional.empty();
			}
			try (InputStream in = file.getInputStream()) {
				migrations.add(new BundledMigration(name.group(1).replace('_', '.'), name.group(2).replace('_', ' '),
						checksum(in)));
			}
		}
		return Optional.of(List.copyOf(migrations));
	}

	/**
	 * Flyway's checksum: CRC-32 of the file's lines in UTF-8, without their line breaks and
	 * without a byte-order mark, so line endings do not change it. Flyway's own algorithm
	 * is checked against this in SchemaMigrationTest.
	 */
	static int checksum(InputStream sql) throws IOException {
		CRC32 crc = new CRC32();
		BufferedReader reader = new BufferedReader(new InputStreamReader(sql, StandardCharsets.UTF_8));
		String line = reader.readLine();
		if (line != null && line.startsWith("\uFEFF")) {
			line = line.substring(1);
		}
		while (line != null) {
			crc.update(line.getBytes(StandardCharsets.UTF_8));
			line = reader.readLine();
		}
		return (int) crc.getValue();
	}

}
