package vn.haiphong.hpid.realm;

import java.util.List;
import java.util.stream.Collectors;

/** Realm files that cannot be applied, with every problem found in them. */
public class RealmFileException extends RuntimeException {

	private final List<RealmFileError> errors;

	public RealmFileException(List<RealmFileError> errors) {
		super("Invalid realm configuration:\n  "
				+ errors.stream().map(RealmFileError::toString).collect(Collectors.joining("\n  ")));
		this.errors = List.copyOf(errors);
	}

	public List<RealmFileError> errors() {
		return this.errors;
	}

}
