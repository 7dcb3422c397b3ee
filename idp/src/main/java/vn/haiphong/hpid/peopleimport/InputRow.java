package vn.haiphong.hpid.peopleimport;

import java.util.Map;

/** One record as a reader found it: named text fields, or the reason it could not be read. */
sealed interface InputRow {

	long line();

	/** Field names as in the file; a field that is absent, null or empty is left out. */
	record Fields(long line, Map<String, String> values) implements InputRow {
	}

	record Unreadable(RowProblem problem) implements InputRow {

		@Override
		public long line() {
			return this.problem.line();
		}

	}

}
