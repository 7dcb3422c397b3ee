package vn.haiphong.hpid.peopleimport;

/** The import file as a whole cannot be read (no header, unknown column, not UTF-8). */
final class ImportFileException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	ImportFileException(String message) {
		super(message);
	}

}
