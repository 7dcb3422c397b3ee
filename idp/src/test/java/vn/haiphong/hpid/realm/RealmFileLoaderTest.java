package vn.haiphong.hpid.realm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RealmFileLoaderTest {

	private final RealmFileLoader loader = new RealmFileLoader();

	@Test
	void loadsTheRealmsShippedOnTheClasspath() {
		assertThat(this.loader.load()).extracting(Realm::name).contains("haiphong");
	}

	@Test
	void loadsYamlAndYmlFilesAndIgnoresOthers(@TempDir Path dir) throws IOException {
		write(dir, "a.yaml", realm("alpha"));
		write(dir, "b.yml", realm("beta"));
		write(dir, "notes.txt", "not a realm");

		List<Realm> realms = this.loader.load(List.of("file:" + dir + "/*"));

		assertThat(realms).extracting(Realm::name).containsExactly("alpha", "beta");
	}

	@Test
	void readsALogoFileFromTheRealmFilesFolderOnDiskAndOnTheClasspath(@TempDir Path dir) throws IOException {
		Files.createDirectories(dir.resolve("brand"));
		Files.writeString(dir.resolve("brand/city.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
		write(dir, "city.yaml", "realm: city\ndisplayName: { vi: Thành phố }\nbranding: { logo: brand/city.svg }\n");
		Realm city = this.loader.load(List.of("file:" + dir + "/*.yaml")).get(0);
		assertThat(((Branding.LogoFile) city.branding().logo().orElseThrow()).mediaType()).isEqualTo("image/svg+xml");

		Realm shipped = this.loader.load().stream().filter((r) -> r.name().equals("haiphong")).findFirst().orElseThrow();
		assertThat(shipped.branding().hasLogoFile()).isTrue();
	}

	@Test
	void rejectsARealmNameDeclaredByTwoFiles(@TempDir Path dir) throws IOException {
		write(dir, "a.yaml", realm("haiphong"));
		write(dir, "b.yaml", "# a copy\n" + realm("haiphong"));

		RealmFileException failure = catchThrowableOfType(RealmFileException.class,
				() -> this.loader.load(List.of("file:" + dir + "/*.yaml")));

		assertThat(failure.errors()).containsExactly(new RealmFileError(dir.resolve("b.yaml").toString(), "realm",
				2, "duplicate realm name; already defined in " + dir.resolve("a.yaml")));
	}

	@Test
	void reportsTheErrorsOfEveryFileTogether(@TempDir Path dir) throws IOException {
		write(dir, "a.yaml", "realm: alpha\n");
		write(dir, "b.yaml", "realm: beta\ndisplayName: { vi: Beta }\nselfRegistration: yes\n");

		RealmFileException failure = catchThrowableOfType(RealmFileException.class,
				() -> this.loader.load(List.of("file:" + dir + "/*.yaml")));

		assertThat(failure.errors()).containsExactly(
				new RealmFileError(dir.resolve("a.yaml").toString(), "displayName", 1, "required"),
				new RealmFileError(dir.resolve("b.yaml").toString(), "selfRegistration", 3,
						"expected true or false"));
		assertThat(failure.getMessage()).contains(dir.resolve("b.yaml") + ":3: selfRegistration: expected true or false");
	}

	private static String realm(String name) {
		return "realm: " + name + "\ndisplayName: { vi: " + name + " }\n";
	}

	private static void write(Path dir, String name, String content) throws IOException {
		Files.writeString(dir.resolve(name), content);
	}

}
