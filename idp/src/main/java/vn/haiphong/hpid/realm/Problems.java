package vn.haiphong.hpid.realm;

import java.util.ArrayList;
import java.util.List;

import org.yaml.snakeyaml.nodes.Node;

/**
 * The errors found so far in one realm file. Readers report here and carry on, so
 * that a single run lists everything that is wrong.
 */
final class Problems {

	private final String file;

	private final List<RealmFileError> errors = new ArrayList<>();

	Problems(String file) {
		this.file = file;
	}

	void add(String fieldPath, int line, String reason) {
		this.errors.add(new RealmFileError(this.file, fieldPath, line, reason));
	}

	void add(String fieldPath, Node node, String reason) {
		add(fieldPath, lineOf(node), reason);
	}

	int count() {
		return this.errors.size();
	}

	List<RealmFileError> errors() {
		return List.copyOf(this.errors);
	}

	void throwIfAny() {
		if (!this.errors.isEmpty()) {
			throw new RealmFileException(this.errors);
		}
	}

	static int lineOf(Node node) {
		return (node == null || node.getStartMark() == null) ? 0 : node.getStartMark().getLine() + 1;
	}

}
