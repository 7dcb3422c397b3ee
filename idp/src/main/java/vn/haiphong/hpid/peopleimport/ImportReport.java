package vn.haiphong.hpid.peopleimport;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an import did, record by record, written as it goes so that a file with a million
 * problems needs no more memory than a clean one. The JSON report lists each record that
 * was not imported and ends with the counts; the console gets the first few problems and
 * the counts. Neither repeats an e-mail address, phone number, personal ID number or hash:
 * records are named by their line and legacy id, people by their id.
 */
final class ImportReport implements AutoCloseable {

	/** Problems printed on the console; the JSON report has them all. */
	private static final int CONSOLE_PROBLEMS = 50;

	private final JsonGenerator json;

	private final PrintStream console;

	private long read;

	private long imported;

	private long invalid;

	private long duplicates;

	private long conflicts;

	private long alreadyImported;

	private long printed;

	/**
	 * @param out where the JSON report goes, or null for none
	 */
	ImportReport(OutputStream out, PrintStream console, String realm, String file, String format, boolean dryRun) {
		this.console = console;
		if (out == null) {
			this.json = null;
			return;
		}
		this.json = JsonMapper.builder().build().createGenerator(out, JsonEncoding.UTF8);
		this.json.writeStartObject();
		this.json.writeStringProperty("realm", realm);
		this.json.writeStringProperty("file", file);
		this.json.writeStringProperty("format", format);
		this.json.writeBooleanProperty("dryRun", dryRun);
		this.json.writeName("problems");
		this.json.writeStartArray();
	}

	void read() {
		this.read++;
	}

	void imported() {
		this.imported++;
	}

	void invalid(List<RowProblem> problems) {
		this.invalid++;
		for (RowProblem problem : problems) {
			problem("invalid", problem.line(), problem.field(), null, problem.reason(), null, null);
		}
	}

	void duplicate(LegacyRecord record, String field, long firstLine) {
		this.duplicates++;
		problem("duplicate", record.line(), field, record.legacyId(), "the same " + field + " as line " + firstLine,
				firstLine, null);
	}

	void conflict(LegacyRecord record, String field, String personId) {
		this.conflicts++;
		problem("conflict", record.line(), field, record.legacyId(),
				"the " + field + " belongs to an existing person of the realm", null, personId);
	}

	void alreadyImported(LegacyRecord record, String personId) {
		this.alreadyImported++;
		problem("already-imported", record.line(), LegacyRecord.LEGACY_ID, record.legacyId(),
				"imported before (this legacy id exists in the realm)", null, personId);
	}

	/** Invalid records, duplicates and conflicts: the file needs a look. Re-runs are not problems. */
	boolean hasProblems() {
		return this.invalid + this.duplicates + this.conflicts > 0;
	}

	long importedCount() {
		return this.imported;
	}

	private void problem(String kind, long line, String field, String legacyId, String reason, Long firstLine,
			String personId) {
		if (this.json != null) {
			this.json.writeStartObject();
			this.json.writeStringProperty("kind", kind);
			this.json.writeNumberProperty("line", line);
			this.json.writeStringProperty("field", field);
			if (legacyId != null) {
				this.json.writeStringProperty("legacyId", legacyId);
			}
			this.json.writeStringProperty("reason", reason);
			if (firstLine != null) {
				this.json.writeNumberProperty("firstLine", firstLine);
			}
			if (personId != null) {
				this.json.writeStringProperty("personId", personId);
			}
			this.json.writeEndObject();
		}
		if (this.printed < CONSOLE_PROBLEMS) {
			this.console.println(kind + ": line " + line + ": " + field + ": " + reason
					+ (personId != null ? " (person " + personId + ")" : ""));
		}
		else if (this.printed == CONSOLE_PROBLEMS) {
			this.console.println("... more problems" + (this.json != null ? " in the report" : "; use --report FILE"));
		}
		this.printed++;
	}

	/** Ends the JSON report with the counts and prints them. */
	void finish(boolean dryRun, long millis) {
		long skipped = this.read - this.imported;
		if (this.json != null) {
			this.json.writeEndArray();
			this.json.writeName("counts");
			this.json.writeStartObject();
			this.json.writeNumberProperty("read", this.read);
			this.json.writeNumberProperty("imported", this.imported);
			this.json.writeNumberProperty("skipped", skipped);
			this.json.writeNumberProperty("invalid", this.invalid);
			this.json.writeNumberProperty("duplicates", this.duplicates);
			this.json.writeNumberProperty("conflicts", this.conflicts);
			this.json.writeNumberProperty("alreadyImported", this.alreadyImported);
			this.json.writeEndObject();
			this.json.writeEndObject();
			this.json.flush();
		}
		this.console.println((dryRun ? "dry run, nothing written: " : "") + "read " + this.read + ", "
				+ (dryRun ? "would import " : "imported ") + this.imported + ", skipped " + skipped + " (invalid "
				+ this.invalid + ", duplicates in the file " + this.duplicates + ", conflicts with existing people "
				+ this.conflicts + ", imported before " + this.alreadyImported + ") in " + millis + " ms"
				+ (millis > 0 ? ", " + (this.read * 1000 / millis) + " records/s" : ""));
	}

	@Override
	public void close() {
		if (this.json != null) {
			this.json.close();
		}
	}

}
