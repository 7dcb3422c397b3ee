package vn.haiphong.hpid.peopleimport;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of text with a cap on their length. A damaged file (one without line breaks, say)
 * must not make the import hold gigabytes in one string: past the cap the rest of the line
 * is skipped and the line is reported as too long.
 */
final class BoundedLines {

	/** A line of text, its 1-based number, and whether it was cut at the cap. */
	record Line(long number, String text, boolean tooLong) {
	}

	private final Reader in;

	private final int maxLength;

	private final StringBuilder buffer = new StringBuilder();

	private final char[] chunk = new char[8192];

	private int position;

	private int limit;

	private long number;

	private boolean first = true;

	BoundedLines(Reader in, int maxLength) {
		this.in = in;
		this.maxLength = maxLength;
	}

	/**
	 * The next line that holds a record: blank lines are skipped (a too-long one is not,
	 * whatever it holds, so that it is reported). Null at the end.
	 */
	Line nextRecordLine() throws IOException {
		Line line;
		do {
			line = next();
		}
		while (line != null && line.text().isBlank() && !line.tooLong());
		return line;
	}

	/** The next line without its terminator ({@code \n} or {@code \r\n}), or null at the end. */
	Line next() throws IOException {
		this.buffer.setLength(0);
		boolean tooLong = false;
		int c = read();
		if (c == -1) {
			return null;
		}
		if (this.first) {
			this.first = false;
			if (c == '\uFEFF') {
				c = read();
				if (c == -1) {
					return null;
				}
			}
		}
		this.number++;
		while (c != -1 && c != '\n') {
			if (this.buffer.length() < this.maxLength) {
				this.buffer.append((char) c);
			}
			else {
				tooLong = true;
			}
			c = read();
		}
		int end = this.buffer.length();
		if (end > 0 && this.buffer.charAt(end - 1) == '\r') {
			this.buffer.setLength(end - 1);
		}
		return new Line(this.number, this.buffer.toString(), tooLong);
	}

	private int read() throws IOException {
		if (this.position == this.limit) {
			this.limit = this.in.read(this.chunk);
			this.position = 0;
			if (this.limit <= 0) {
				this.limit = 0;
				return -1;
			}
		}
		return this.chunk[this.position++];
	}

}
