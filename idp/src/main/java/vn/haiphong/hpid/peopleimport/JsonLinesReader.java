package vn.haiphong.hpid.peopleimport;

import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON lines: one JSON object per line; blank lines are ignored. Values are strings; the
 * legacy id may also be an integer. A phone or personal ID number must be a string, since
 * as a number it would lose its leading zero.
 */
final class JsonLinesReader implements RecordReader {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private final Reader source;

	private final BoundedLines lines;

	JsonLinesReader(Reader source, int maxRecordLength) {
		this.source = source;
		this.lines = new BoundedLines(source, maxRecordLength);
	}

	@Override
	public InputRow next() throws IOException {
		BoundedLines.Line line = this.lines.nextRecordLine();
		if (line == null) {
			return null;
		}
		if (line.tooLong()) {
			return unreadable(line, "the line is longer than the limit of a record");
		}
		JsonNode node;
		try {
			node = JSON.readTree(line.text());
		}
		catch (JacksonException ex) {
			// Jackson's message may quote the offending text, which may be personal data: give the column only.
			var location = ex.getLocation();
			return unreadable(line, "not valid JSON"
					+ (location != null && location.getColumnNr() > 0 ? " at column " + location.getColumnNr() : ""));
		}
		if (node == null || !node.isObject()) {
			return unreadable(line, "not a JSON object");
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> property : node.properties()) {
			JsonNode value = property.getValue();
			if (value.isNull()) {
				continue;
			}
			if (value.isString()) {
				if (!value.stringValue().isEmpty()) {
					values.put(property.getKey(), value.stringValue());
				}
			}
			else if (value.isIntegralNumber() && LegacyRecord.LEGACY_ID.equals(property.getKey())) {
				values.put(property.getKey(), value.asString());
			}
			else {
				return new InputRow.Unreadable(new RowProblem(line.number(), property.getKey(), "must be a string"));
			}
		}
		return new InputRow.Fields(line.number(), values);
	}

	private static InputRow unreadable(BoundedLines.Line line, String reason) {
		return new InputRow.Unreadable(new RowProblem(line.number(), RowProblem.WHOLE_RECORD, reason));
	}

	@Override
	public void close() throws IOException {
		this.source.close();
	}

}
