package vn.haiphong.hpid.realm;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RealmFilesCheckTest {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void acceptsTheShippedRealms() {
		assertThat(run(Path.of("..", "realm-config", "realms").toString())).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("ok: realm haiphong").contains("ok: realm staff");
	}

	@Test
	void reportsEveryProblemWithFileLineAndFieldAndFails(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("city.yaml"), """
				realm: city
				displayName: { vi: "Thành phố" }
				clients:
				  - clientId: app
				    type: confidential
				    secret: plain-text-secret-in-git-0123456789
				    redirectUris: [http://app.example/cb]
				""");
		assertThat(run(dir.toString())).isEqualTo(1);
		String problems = this.err.toString(StandardCharsets.UTF_8);
		assertThat(problems).contains(":6: clients[0].secret:").contains(":7: clients[0].redirectUris[0]:");
		assertThat(problems).doesNotContain("plain-text-secret-in-git");
	}

	@Test
	void refusesAWrongCall() {
		assertThat(RealmFilesCheck.run(List.of(), new PrintStream(this.out), new PrintStream(this.err))).isEqualTo(2);
		assertThat(run("/no/such/directory")).isEqualTo(2);
	}

	private int run(String directory) {
		return RealmFilesCheck.run(List.of(directory), new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

}
