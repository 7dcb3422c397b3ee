package vn.haiphong.hpid.peopleimport;

import java.io.Closeable;
import java.io.IOException;

/** Reads the records of an import file one at a time, so a file of any size fits in memory. */
interface RecordReader extends Closeable {

	/** The next record, or null at the end of the file. */
	InputRow next() throws IOException;

}
