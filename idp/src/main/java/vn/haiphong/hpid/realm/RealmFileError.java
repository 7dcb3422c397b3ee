package vn.haiphong.hpid.realm;

/**
 * One thing wrong in a realm file, located precisely enough to fix it without a
 * debugger.
 *
 * @param file the file name (or path, for files outside the classpath)
 * @param fieldPath where in the file, e.g. {@code clients[2].redirectUris[0]};
 * {@value #ROOT} when the problem is the file as a whole
 * @param line 1-based line number, 0 when unknown
 * @param reason what is wrong and, where it helps, how to fix it; never contains a
 * secret value
 */
public record RealmFileError(String file, String fieldPath, int line, String reason) {

	/** The field path of problems that concern the whole file, such as YAML syntax errors. */
	public static final String ROOT = "(root)";

	/** {@code file:line: fieldPath: reason}, the form editors and CI logs link to. */
	public String describe() {
		return this.file + ":" + this.line + ": " + this.fieldPath + ": " + this.reason;
	}

}
