package vn.haiphong.hpid.peopleimport;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV as RFC 4180 writes it: a header line naming the columns (the field names of
 * docs/import.md, in any order), then one record per line; fields separated by commas,
 * optionally in double quotes, a quote inside quotes doubled; a quoted field may span
 * lines, and the record is reported at the line it starts on. Blank lines are ignored.
 */
final class CsvReader implements RecordReader {

	private final Reader source;

	private final BoundedLines lines;

	private final int maxRecordLength;

	private final List<String> columns;

	/**
	 * @throws ImportFileException when the header is missing or names an unknown or
	 * repeated column: then no record can be read correctly
	 */
	CsvReader(Reader source, int maxRecordLength) throws IOException {
		this.source = source;
		this.lines = new BoundedLines(source, maxRecordLength);
		this.maxRecordLength = maxRecordLength;
		BoundedLines.Line header = this.lines.next();
		if (header == null || header.text().isBlank()) {
			throw new ImportFileException("line 1: the CSV file has no header line naming its columns");
		}
		Parsed parsed = parse(header);
		if (parsed.problem() != null) {
			throw new ImportFileException(parsed.problem().describe());
		}
		Set<String> seen = new HashSet<>();
		for (String column : parsed.fields()) {
			String name = column.strip();
			if (!LegacyRecord.FIELDS.contains(name)) {
				throw new ImportFileException("line " + header.number() + ": unknown column '" + name + "'; expected "
						+ String.join(", ", LegacyRecord.FIELDS));
			}
			if (!seen.add(name)) {
				throw new ImportFileException("line " + header.number() + ": column '" + name + "' appears twice");
			}
		}
		this.columns = parsed.fields().stream().map(String::strip).toList();
	}

	@Override
	public InputRow next() throws IOException {
		BoundedLines.Line line = this.lines.nextRecordLine();
		if (line == null) {
			return null;
		}
		Parsed parsed = parse(line);
		if (parsed.problem() != null) {
			return new InputRow.Unreadable(parsed.problem());
		}
		if (parsed.fields().size() != this.columns.size()) {
			return new InputRow.Unreadable(new RowProblem(line.number(), RowProblem.WHOLE_RECORD,
					"has " + parsed.fields().size() + " fields, the header names " + this.columns.size()));
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < this.columns.size(); i++) {
			String value = parsed.fields().get(i);
			if (!value.isEmpty()) {
				values.put(this.columns.get(i), value);
			}
		}
		return new InputRow.Fields(line.number(), values);
	}

	private record Parsed(List<String> fields, RowProblem problem) {
	}

	/** Splits one record, reading further lines while a quoted field is open. */
	private Parsed parse(BoundedLines.Line first) throws IOException {
		long start = first.number();
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		String text = first.text();
		boolean tooLong = first.tooLong();
		int length = text.length();
		boolean quoted = false;
		boolean afterQuote = false;
		int i = 0;
		while (true) {
			if (i == text.length()) {
				if (!quoted) {
					break;
				}
				BoundedLines.Line more = this.lines.next();
				if (more == null) {
					return new Parsed(null, new RowProblem(start, RowProblem.WHOLE_RECORD,
							"a quoted field is not closed before the end of the file"));
				}
				length += more.text().length() + 1;
				tooLong |= more.tooLong();
				if (tooLong || length > this.maxRecordLength) {
					skipRestOfQuotedRecord(more);
					return new Parsed(null, new RowProblem(start, RowProblem.WHOLE_RECORD,
							"the record is longer than the limit of a record"));
				}
				field.append('\n');
				text = more.text();
				i = 0;
				continue;
			}
			char c = text.charAt(i++);
			if (quoted) {
				if (c == '"') {
					if (i < text.length() && text.charAt(i) == '"') {
						field.append('"');
						i++;
					}
					else {
						quoted = false;
						afterQuote = true;
					}
				}
				else {
					field.append(c);
				}
			}
			else if (c == ',') {
				fields.add(field.toString());
				field.setLength(0);
				afterQuote = false;
			}
			else if (afterQuote) {
				return new Parsed(null, new RowProblem(start, "column " + (fields.size() + 1),
						"text after the closing quote of a quoted field"));
			}
			else if (c == '"' && field.isEmpty()) {
				quoted = true;
			}
			else {
				field.append(c);
			}
		}
		if (tooLong) {
			return new Parsed(null, new RowProblem(start, RowProblem.WHOLE_RECORD,
					"the record is longer than the limit of a record"));
		}
		fields.add(field.toString());
		return new Parsed(fields, null);
	}

	/**
	 * After an overlong quoted record, skips to the line that closes the quote so that
	 * the next record starts in the right place; gives up at the end of the file.
	 */
	private void skipRestOfQuotedRecord(BoundedLines.Line current) throws IOException {
		BoundedLines.Line line = current;
		while (line != null && countQuotes(line.text()) % 2 == 0) {
			line = this.lines.next();
		}
	}

	private static int countQuotes(String text) {
		int count = 0;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == '"') {
				count++;
			}
		}
		return count;
	}

	@Override
	public void close() throws IOException {
		this.source.close();
	}

}
