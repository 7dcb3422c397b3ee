package vn.haiphong.hpid.realm;

import java.util.List;

/**
 * Realm files that cannot be loaded. Carries every error found, not only the first,
 * so an operator fixes a file in one pass.
 */
public class RealmFileException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final List<RealmFileError> errors;

	public RealmFileException(List<RealmFileError> errors) {
		super(message(errors));
		this.errors = List.copyOf(errors);
	}

	public List<RealmFileError> errors() {
		return this.errors;
	}

	private static String message(List<RealmFileError> errors) {
		if (errors == null || errors.isEmpty()) {
			throw new IllegalArgumentException("a RealmFileException needs at least one error");
		}
		StringBuilder message = new StringBuilder("invalid realm configuration (")
			.append(errors.size())
			.append(errors.size() == 1 ? " error):" : " errors):");
		for (RealmFileError error : errors) {
			message.append(System.lineSeparator()).append("  ").append(error.describe());
		}
		return message.toString();
	}

}
