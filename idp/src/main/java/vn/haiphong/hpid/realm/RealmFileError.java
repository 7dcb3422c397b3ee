package vn.haiphong.hpid.realm;

/** One problem in a realm file: where (file, field path, line) and what is wrong. */
public record RealmFileError(String file, String fieldPath, int line, String reason) {

	@Override
	public String toString() {
		return this.file + ":" + this.line + ": " + this.fieldPath + ": " + this.reason;
	}

}
