package vn.haiphong.hpid.peopleimport;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;

import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmFileException;
import vn.haiphong.hpid.realm.RealmFileLoader;

/**
 * {@code java -jar hpid-exec.jar import-people --realm REALM [--format jsonl|csv]
 * [--dry-run] [--report REPORT.json] [--source NAME] FILE [--spring.datasource.url=...]}:
 * imports people from a legacy system into the database the server is configured with
 * (the same {@code HPID_DB_*} variables and {@code --spring.*} arguments), migrating its
 * schema first as the server would, except in a dry run, which writes nothing at all.
 * Exits with 0 when every record was imported or had been before, 1 when some were
 * invalid, duplicated or in conflict (see the report), 2 when the import could not run.
 * The file format is in docs/import.md.
 */
public final class ImportPeopleCommand {

	static final String USAGE = "usage: java -jar hpid-exec.jar import-people --realm REALM [--format jsonl|csv]"
			+ " [--dry-run] [--report REPORT.json] [--source NAME] [--batch-size N] FILE [--spring.property=value ...]";

	/** Longest record accepted; longer ones are reported, not loaded. */
	private static final int MAX_RECORD_LENGTH = 64 * 1024;

	private static final Set<String> FORMATS = Set.of("jsonl", "csv");

	private ImportPeopleCommand() {
	}

	/** The command line, parsed; Spring properties are passed on to the datasource set-up. */
	record Options(String realm, String format, boolean dryRun, Path report, String source, int batchSize, Path file,
			List<String> springArguments) {

		static Options parse(List<String> arguments) {
			String realm = null;
			String format = null;
			boolean dryRun = false;
			Path report = null;
			String source = "legacy-import";
			int batchSize = PeopleImport.DEFAULT_BATCH_SIZE;
			Path file = null;
			List<String> spring = new ArrayList<>();
			for (int i = 0; i < arguments.size(); i++) {
				String argument = arguments.get(i);
				String name = argument;
				String value = null;
				int equals = argument.indexOf('=');
				if (argument.startsWith("--") && equals > 0) {
					name = argument.substring(0, equals);
					value = argument.substring(equals + 1);
				}
				switch (name) {
					case "--dry-run" -> dryRun = true;
					case "--realm", "--format", "--report", "--source", "--batch-size" -> {
						if (value == null) {
							if (i + 1 == arguments.size()) {
								throw new IllegalArgumentException(name + " needs a value");
							}
							value = arguments.get(++i);
						}
						switch (name) {
							case "--realm" -> realm = value;
							case "--format" -> format = value.toLowerCase(Locale.ROOT);
							case "--report" -> report = Path.of(value);
							case "--source" -> source = value;
							default -> batchSize = positive(value);
						}
					}
					default -> {
						if (argument.startsWith("--") && value != null) {
							spring.add(argument);
						}
						else if (argument.startsWith("-")) {
							throw new IllegalArgumentException("unknown option " + argument);
						}
						else if (file != null) {
							throw new IllegalArgumentException("one file at a time");
						}
						else {
							file = Path.of(argument);
						}
					}
				}
			}
			if (realm == null || realm.isBlank()) {
				throw new IllegalArgumentException("--realm is required");
			}
			if (file == null) {
				throw new IllegalArgumentException("the file to import is required");
			}
			if (format == null) {
				String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);
				format = fileName.endsWith(".csv") ? "csv"
						: fileName.endsWith(".jsonl") || fileName.endsWith(".ndjson") ? "jsonl" : null;
				if (format == null) {
					throw new IllegalArgumentException("--format jsonl|csv is required for " + file.getFileName());
				}
			}
			if (!FORMATS.contains(format)) {
				throw new IllegalArgumentException("--format must be jsonl or csv");
			}
			if (source.isBlank() || source.length() > 40) {
				throw new IllegalArgumentException("--source must be 1 to 40 characters");
			}
			return new Options(realm, format, dryRun, report, source, batchSize, file, List.copyOf(spring));
		}

		private static int positive(String value) {
			try {
				int number = Integer.parseInt(value);
				if (number >= 1 && number <= 10_000) {
					return number;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw new IllegalArgumentException("--batch-size must be a number from 1 to 10000");
		}

	}

	public static int run(List<String> arguments, PrintStream out, PrintStream err) {
		Options options;
		try {
			options = Options.parse(arguments);
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			err.println(USAGE);
			return 2;
		}
		if (!Files.isReadable(options.file()) || Files.isDirectory(options.file())) {
			err.println(options.file() + ": not a readable file");
			return 2;
		}
		try (ConfigurableApplicationContext context = database(options)) {
			if (!realmExists(context, options.realm(), err)) {
				return 2;
			}
			return run(options, context.getBean(DataSource.class), out, err);
		}
		catch (RuntimeException ex) {
			err.println("cannot start the import: " + rootMessage(ex));
			return 2;
		}
	}

	private static int run(Options options, DataSource dataSource, PrintStream out, PrintStream err) {
		long started = System.nanoTime();
		try (OutputStream reportFile = options.report() == null ? null
				: new BufferedOutputStream(Files.newOutputStream(options.report()));
				ImportReport report = new ImportReport(reportFile, out, options.realm(),
						options.file().getFileName().toString(), options.format(), options.dryRun());
				Connection connection = dataSource.getConnection();
				RecordReader reader = open(options)) {
			if (!schemaReady(connection)) {
				err.println("the database has no hpid schema with legacy imports (migration V7): start the server"
						+ " once, or run without --dry-run, which migrates it first");
				return 2;
			}
			new PeopleImport(connection, options.realm(), options.source(), options.dryRun(), options.batchSize(),
					Clock.systemUTC(), report)
				.run(reader);
			report.finish(options.dryRun(), (System.nanoTime() - started) / 1_000_000);
			return report.hasProblems() ? 1 : 0;
		}
		catch (ImportFileException ex) {
			err.println(options.file() + ": " + ex.getMessage());
			return 2;
		}
		catch (CharacterCodingException ex) {
			err.println(options.file() + ": not valid UTF-8; the records before the bad bytes were "
					+ (options.dryRun() ? "checked" : "imported") + ", fix the file and run again");
			return 2;
		}
		catch (IOException ex) {
			err.println(options.file() + ": " + ex.getMessage());
			return 2;
		}
		catch (SQLException ex) {
			err.println("database error (SQL state " + ex.getSQLState() + "): " + ex.getMessage()
					+ "; the batches before it were " + (options.dryRun() ? "checked" : "committed")
					+ ", running the same file again is safe");
			return 2;
		}
	}

	/** A dry run does not migrate, so it checks that the tables it reads exist. */
	private static boolean schemaReady(Connection connection) {
		try (var statement = connection.createStatement()) {
			statement.executeQuery("select legacy_id from person where 1 = 0").close();
			return true;
		}
		catch (SQLException ex) {
			try {
				connection.rollback();
			}
			catch (SQLException ignored) {
				// autocommit; nothing to undo
			}
			return false;
		}
	}

	private static RecordReader open(Options options) throws IOException {
		Reader reader = new InputStreamReader(Files.newInputStream(options.file()),
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT));
		try {
			return "csv".equals(options.format()) ? new CsvReader(reader, MAX_RECORD_LENGTH)
					: new JsonLinesReader(reader, MAX_RECORD_LENGTH);
		}
		catch (IOException | RuntimeException ex) {
			reader.close();
			throw ex;
		}
	}

	/**
	 * The server's datasource set-up and nothing else: the same configuration files,
	 * environment variables and arguments, the schema migration when something will be
	 * written.
	 */
	private static ConfigurableApplicationContext database(Options options) {
		return new SpringApplicationBuilder(options.dryRun() ? ImportDatabase.class : ImportDatabase.Migrated.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.properties("logging.level.root=OFF", "spring.datasource.hikari.maximum-pool-size=2")
			.run(options.springArguments().toArray(String[]::new));
	}

	private static boolean realmExists(ConfigurableApplicationContext context, String realm, PrintStream err) {
		List<String> locations = Binder.get(context.getEnvironment())
			.bind("hpid.realm-locations", Bindable.listOf(String.class))
			.orElse(List.of(RealmFileLoader.DEFAULT_PATTERN));
		try {
			List<String> names = new RealmFileLoader().load(locations).stream().map(Realm::name).toList();
			if (!names.contains(realm)) {
				err.println("unknown realm '" + realm + "'; the realm files define " + String.join(", ", names));
				return false;
			}
			return true;
		}
		catch (RealmFileException ex) {
			err.println("the realm files have errors:");
			ex.errors().forEach((error) -> err.println(error.describe()));
			return false;
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getMessage();
	}

}
