package vn.haiphong.hpid.peopleimport;

/**
 * Why a record of the input file was not imported: the line it starts on, the field at
 * fault ({@code -} for the record as a whole) and a reason that never repeats the value.
 */
public record RowProblem(long line, String field, String reason) {

	static final String WHOLE_RECORD = "-";

	public String describe() {
		return "line " + this.line + ": " + this.field + ": " + this.reason;
	}

}
