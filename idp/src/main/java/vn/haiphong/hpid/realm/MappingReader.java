package vn.haiphong.hpid.realm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed, located access to one YAML mapping of a realm file. Every getter reports a
 * wrong type to {@link Problems} and returns empty, so callers simply fall back to
 * defaults and the file is rejected at the end with all its errors.
 *
 * <p>
 * Values are never echoed in reasons: a misplaced secret must not end up in a log.
 */
final class MappingReader {

	private final MappingNode mapping;

	private final String path;

	private final Problems problems;

	private final Map<String, NodeTuple> fields;

	private MappingReader(MappingNode mapping, String path, Problems problems, Map<String, NodeTuple> fields) {
		this.mapping = mapping;
		this.path = path;
		this.problems = problems;
		this.fields = fields;
	}

	/**
	 * Reads a mapping whose keys must all be in {@code allowed}; unknown keys are errors
	 * so that typos are caught instead of silently ignored.
	 */
	static Optional<MappingReader> read(Node node, String path, Problems problems, List<String> allowed) {
		if (!(node instanceof MappingNode mapping)) {
			problems.add(shown(path), node, "expected a map with the fields " + String.join(", ", allowed));
			return Optional.empty();
		}
		Map<String, NodeTuple> fields = new LinkedHashMap<>();
		for (NodeTuple tuple : mapping.getValue()) {
			Node keyNode = tuple.getKeyNode();
			if (!(keyNode instanceof ScalarNode key) || key.getTag().equals(Tag.MERGE)) {
				problems.add(shown(path), keyNode, "expected a plain field name");
				continue;
			}
			String name = key.getValue();
			String fieldPath = child(path, name);
			if (!allowed.contains(name)) {
				problems.add(fieldPath, keyNode, "unknown field; expected one of " + String.join(", ", allowed));
			}
			else if (fields.containsKey(name)) {
				problems.add(fieldPath, keyNode, "duplicate field; already set on line "
						+ Problems.lineOf(fields.get(name).getKeyNode()));
			}
			else {
				fields.put(name, tuple);
			}
		}
		return Optional.of(new MappingReader(mapping, path, problems, fields));
	}

	private static String shown(String path) {
		return path.isEmpty() ? RealmFileError.ROOT : path;
	}

	static String child(String path, String name) {
		return path.isEmpty() ? name : path + "." + name;
	}

	String path(String key) {
		return child(this.path, key);
	}

	/**
	 * The line of the field's value; of its name when the value is empty; of the mapping
	 * itself when the field is absent.
	 */
	int line(String key) {
		NodeTuple tuple = this.fields.get(key);
		if (tuple == null) {
			return Problems.lineOf(this.mapping);
		}
		return value(key).map(Problems::lineOf).orElse(Problems.lineOf(tuple.getKeyNode()));
	}

	/** The line where this mapping starts; missing fields are reported there. */
	int line() {
		return Problems.lineOf(this.mapping);
	}

	boolean has(String key) {
		return value(key).isPresent();
	}

	/** The value node; absent when the field is missing or explicitly empty ({@code ~}). */
	Optional<Node> value(String key) {
		NodeTuple tuple = this.fields.get(key);
		if (tuple == null || isNull(tuple.getValueNode())) {
			return Optional.empty();
		}
		return Optional.of(tuple.getValueNode());
	}

	/** Whether the field is written at all, even with an empty value (an unquoted {@code #} starts a comment). */
	boolean declared(String key) {
		return this.fields.containsKey(key);
	}

	void required(String key) {
		this.problems.add(path(key), line(), "required");
	}

	void error(String key, String reason) {
		this.problems.add(path(key), line(key), reason);
	}

	Optional<String> string(String key) {
		return value(key).flatMap(node -> scalar(node, path(key), this.problems));
	}

	Optional<Located<String>> locatedString(String key) {
		return string(key).map(value -> new Located<>(value, path(key), line(key)));
	}

	Optional<Boolean> bool(String key) {
		Optional<Node> node = value(key);
		if (node.isEmpty()) {
			return Optional.empty();
		}
		if (node.get() instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
			// YAML 1.1 also reads yes/no/on/off as booleans; only true and false are unambiguous.
			String text = scalar.getValue().toLowerCase();
			if (text.equals("true") || text.equals("false")) {
				return Optional.of(Boolean.valueOf(text));
			}
		}
		error(key, "expected true or false");
		return Optional.empty();
	}

	Optional<Integer> integer(String key) {
		Optional<Node> node = value(key);
		if (node.isEmpty()) {
			return Optional.empty();
		}
		if (node.get() instanceof ScalarNode scalar && Tag.INT.equals(scalar.getTag())) {
			try {
				return Optional.of(Integer.valueOf(scalar.getValue()));
			}
			catch (NumberFormatException ex) {
				// falls through to the error below
			}
		}
		error(key, "expected a whole number");
		return Optional.empty();
	}

	Optional<Duration> duration(String key) {
		Optional<String> text = string(key);
		if (text.isEmpty()) {
			return Optional.empty();
		}
		Optional<Duration> duration = Durations.parse(text.get().trim());
		if (duration.isEmpty()) {
			error(key, "expected a positive duration such as 60s, 5m, 8h, 30d or PT5M");
		}
		return duration;
	}

	/** A list of strings, each with its own path and line; empty when absent or not a list. */
	Optional<List<Located<String>>> strings(String key) {
		Optional<Node> node = value(key);
		if (node.isEmpty()) {
			return Optional.empty();
		}
		if (!(node.get() instanceof SequenceNode sequence)) {
			error(key, "expected a list");
			return Optional.empty();
		}
		List<Located<String>> values = new ArrayList<>();
		List<Node> items = sequence.getValue();
		for (int i = 0; i < items.size(); i++) {
			String itemPath = path(key) + "[" + i + "]";
			Node item = items.get(i);
			scalar(item, itemPath, this.problems)
				.ifPresent(value -> values.add(new Located<>(value, itemPath, Problems.lineOf(item))));
		}
		return Optional.of(values);
	}

	/** The items of a list of maps (or anything else: each item is checked by its reader). */
	Optional<List<Node>> list(String key) {
		Optional<Node> node = value(key);
		if (node.isEmpty()) {
			return Optional.empty();
		}
		if (!(node.get() instanceof SequenceNode sequence)) {
			error(key, "expected a list");
			return Optional.empty();
		}
		return Optional.of(sequence.getValue());
	}

	Optional<MappingReader> map(String key, List<String> allowed) {
		return value(key).flatMap(node -> read(node, path(key), this.problems, allowed));
	}

	private static Optional<String> scalar(Node node, String path, Problems problems) {
		if (node instanceof ScalarNode scalar && !isNull(node)) {
			return Optional.of(scalar.getValue());
		}
		problems.add(path, node, "expected a string");
		return Optional.empty();
	}

	private static boolean isNull(Node node) {
		return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
	}

}
