package vn.haiphong.hpid.realm;

import java.io.IOException;
import java.util.Optional;

/** The folder a realm file was read from, where the files it names (a logo) are found. */
@FunctionalInterface
interface RealmFolder {

	/** No folder: a realm read from a string names no files. */
	RealmFolder NONE = (name, maxBytes) -> Optional.empty();

	/**
	 * The file's bytes, or empty when there is no such file.
	 * @param name a relative path already checked to stay inside the folder
	 * @param maxBytes at most this many bytes plus one are read, so a size check needs no more
	 */
	Optional<byte[]> read(String name, int maxBytes) throws IOException;

}
