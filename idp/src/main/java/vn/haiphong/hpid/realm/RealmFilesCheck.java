package vn.haiphong.hpid.realm;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar hpid-exec.jar validate-realms DIR}: checks a folder of realm files
 * the way the server would at start, without starting it, for the CI of a city's
 * configuration repository. Prints one line per problem ({@code file:line: field:
 * reason}) and exits with 1 when there is any, 0 otherwise, 2 for a wrong call.
 */
public final class RealmFilesCheck {

	private RealmFilesCheck() {
	}

	public static int run(List<String> arguments, PrintStream out, PrintStream err) {
		if (arguments.size() != 1) {
			err.println("usage: java -jar hpid-exec.jar validate-realms DIRECTORY");
			return 2;
		}
		Path directory = Path.of(arguments.get(0)).toAbsolutePath().normalize();
		if (!Files.isDirectory(directory)) {
			err.println(directory + ": not a directory");
			return 2;
		}
		String base = "file:" + directory + "/";
		try {
			List<Realm> realms = new RealmFileLoader().load(List.of(base + "*.yaml", base + "*.yml"));
			if (realms.isEmpty()) {
				err.println(directory + ": no realm files (*.yaml, *.yml)");
				return 1;
			}
			for (Realm realm : realms) {
				out.println("ok: realm " + realm.name() + " (" + realm.clients().size() + " clients, "
						+ realm.upstreams().size() + " upstreams)");
			}
			return 0;
		}
		catch (RealmFileException ex) {
			for (RealmFileError error : ex.errors()) {
				err.println(error.describe());
			}
			return 1;
		}
	}

}
