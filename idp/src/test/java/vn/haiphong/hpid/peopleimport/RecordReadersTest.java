package vn.haiphong.hpid.peopleimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** The JSON lines and CSV readers, and the checks of a record's fields, with line numbers. */
class RecordReadersTest {

	private static final String HASH = BCrypt.hashpw("mật khẩu", BCrypt.gensalt(4));

	@Test
	void readsJsonLinesSkippingBlankLines() throws IOException {
		List<InputRow> rows = readJson("""
				{"legacy_id": 17, "email": "An@Example.vn", "display_name": "Nguyễn Văn An", "password_hash": "%s"}

				{"legacy_id": "B-2", "phone": "0912 345 678", "password_hash": "%s", "personal_id": null}
				""".formatted(HASH, HASH));
		assertThat(rows).containsExactly(
				new InputRow.Fields(1, Map.of("legacy_id", "17", "email", "An@Example.vn", "display_name",
						"Nguyễn Văn An", "password_hash", HASH)),
				new InputRow.Fields(3, Map.of("legacy_id", "B-2", "phone", "0912 345 678", "password_hash", HASH)));
	}

	@Test
	void reportsEachBadJsonLineWithItsNumberAndGoesOn() throws IOException {
		List<InputRow> rows = readJson("""
				{"legacy_id": "1", "email": "a@example.vn"
				[1, 2]
				{"legacy_id": "3", "phone": 912345678}
				{"legacy_id": "4", "email": "x@example.vn", "email": "y@example.vn"}
				{"legacy_id": "5", "email": "ok@example.vn"}
				""");
		assertThat(rows).hasSize(5);
		assertThat(((InputRow.Unreadable) rows.get(0)).problem()).satisfies((p) -> {
			assertThat(p.line()).isEqualTo(1);
			assertThat(p.reason()).startsWith("not valid JSON");
		});
		assertThat(((InputRow.Unreadable) rows.get(1)).problem())
			.isEqualTo(new RowProblem(2, "-", "not a JSON object"));
		assertThat(((InputRow.Unreadable) rows.get(2)).problem())
			.isEqualTo(new RowProblem(3, "phone", "must be a string"));
		assertThat(((InputRow.Unreadable) rows.get(3)).problem().line()).isEqualTo(4);
		assertThat(rows.get(4)).isInstanceOf(InputRow.Fields.class);
	}

	@Test
	void aLineLongerThanTheLimitIsReportedNotLoaded() throws IOException {
		List<InputRow> rows = read(new JsonLinesReader(
				new StringReader("{\"legacy_id\": \"" + "x".repeat(500) + "\"}\n{\"legacy_id\": \"2\"}\n"), 100));
		assertThat(((InputRow.Unreadable) rows.get(0)).problem().reason()).contains("longer than the limit");
		assertThat(rows.get(1)).isEqualTo(new InputRow.Fields(2, Map.of("legacy_id", "2")));
	}

	@Test
	void readsCsvWithQuotesAndAFieldSpanningLines() throws IOException {
		List<InputRow> rows = readCsv("\uFEFFlegacy_id,email,display_name,password_hash\r\n"
				+ "1,a@example.vn,\"Trần, Thị \"\"Bé\"\"\",h1\r\n"
				+ "2,b@example.vn,\"Hai\nDòng\",h2\r\n" + "\n" + "3,,,h3\n");
		assertThat(rows).containsExactly(
				new InputRow.Fields(2,
						Map.of("legacy_id", "1", "email", "a@example.vn", "display_name", "Trần, Thị \"Bé\"",
								"password_hash", "h1")),
				new InputRow.Fields(3, Map.of("legacy_id", "2", "email", "b@example.vn", "display_name", "Hai\nDòng",
						"password_hash", "h2")),
				new InputRow.Fields(6, Map.of("legacy_id", "3", "password_hash", "h3")));
	}

	@Test
	void reportsBadCsvRecordsWithTheirLine() throws IOException {
		List<InputRow> rows = readCsv("legacy_id,email\n" + "1,a@example.vn,extra\n" + "2,\"b@example.vn\"x\n"
				+ "3,c@example.vn\n" + "4,\"never closed\n");
		assertThat(rows).extracting((row) -> row instanceof InputRow.Unreadable u ? u.problem() : row)
			.containsExactly(new RowProblem(2, "-", "has 3 fields, the header names 2"),
					new RowProblem(3, "column 2", "text after the closing quote of a quoted field"),
					new InputRow.Fields(4, Map.of("legacy_id", "3", "email", "c@example.vn")),
					new RowProblem(5, "-", "a quoted field is not closed before the end of the file"));
	}

	@Test
	void refusesACsvFileWithoutAKnownHeader() {
		assertThatThrownBy(() -> new CsvReader(new StringReader(""), 1000)).isInstanceOf(ImportFileException.class)
			.hasMessageContaining("no header line");
		assertThatThrownBy(() -> new CsvReader(new StringReader("legacy_id,mail\n"), 1000))
			.isInstanceOf(ImportFileException.class)
			.hasMessageContaining("line 1: unknown column 'mail'");
		assertThatThrownBy(() -> new CsvReader(new StringReader("email,email\n"), 1000))
			.isInstanceOf(ImportFileException.class)
			.hasMessageContaining("appears twice");
	}

	@Test
	void checksEveryFieldAndNamesEachOneAtFault() {
		LegacyRecord.Result result = LegacyRecord.parse(new InputRow.Fields(7, Map.of("email", "not-an-address", "phone",
				"12345", "password_hash", "md5$x", "personal_id", "0310850012", "nickname", "x")), Clock.systemUTC());
		assertThat(result.valid()).isFalse();
		assertThat(result.problems()).extracting(RowProblem::field)
			.containsExactlyInAnyOrder("nickname", "legacy_id", "email", "phone", "password_hash", "personal_id");
		assertThat(result.problems()).allSatisfy((problem) -> {
			assertThat(problem.line()).isEqualTo(7);
			assertThat(problem.reason()).doesNotContain("not-an-address").doesNotContain("0310850012");
		});
	}

	@Test
	void normalisesLoginIdentifiersAsSignInLooksThemUp() {
		LegacyRecord.Result result = LegacyRecord.parse(new InputRow.Fields(1, Map.of("legacy_id", " 42 ", "email",
				" An@Example.VN ", "phone", "0912.345.678", "password_hash", HASH, "personal_id", "031085001234")),
				Clock.systemUTC());
		assertThat(result.problems()).isEmpty();
		LegacyRecord record = result.record();
		assertThat(record.legacyId()).isEqualTo("42");
		assertThat(record.email()).contains("An@Example.VN");
		assertThat(record.emailNormalized()).contains("an@example.vn");
		assertThat(record.phone()).contains("+84912345678");
		assertThat(record.unverifiedPersonalId().orElseThrow().value()).isEqualTo("031085001234");
	}

	@Test
	void needsAnEmailOrAPhone() {
		LegacyRecord.Result result = LegacyRecord.parse(new InputRow.Fields(3, Map.of("legacy_id", "1",
				"password_hash", HASH)), Clock.systemUTC());
		assertThat(result.problems()).containsExactly(new RowProblem(3, "email",
				"missing: an e-mail address or a phone number is required to sign in"));
	}

	private static List<InputRow> readJson(String text) throws IOException {
		return read(new JsonLinesReader(new StringReader(text), 64 * 1024));
	}

	private static List<InputRow> readCsv(String text) throws IOException {
		return read(new CsvReader(new StringReader(text), 64 * 1024));
	}

	private static List<InputRow> read(RecordReader reader) throws IOException {
		List<InputRow> rows = new ArrayList<>();
		try (reader) {
			for (InputRow row = reader.next(); row != null; row = reader.next()) {
				rows.add(row);
			}
		}
		return rows;
	}

}
