package vn.haiphong.hpid;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** What makes hpid refuse to start, and how it says so. */
class StartupRefusalTest {

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	@Test
	void aBrokenRealmFileStopsStartUpWithFileLineAndField(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("broken.yaml"), """
				realm: broken
				displayName: { vi: "Hỏng" }
				clients:
				  - clientId: a
				    type: public
				    redirectUris: [https://*.example/cb]
				""");
		Throwable failure = catchThrowable(() -> start(dir, "--hpid.realm-locations=file:" + dir + "/*.yaml"));
		assertThat(rootMessage(failure))
			.contains("broken.yaml:6: clients[0].redirectUris[0]: wildcards are not allowed");
	}

	@Test
	void productionRefusesTheDemo(@TempDir Path dir) {
		Throwable failure = catchThrowable(() -> start(dir, "--spring.profiles.active=production", "--hpid.demo=true"));
		assertThat(rootMessage(failure)).contains("refuses to start with the demo on");
	}

	@Test
	void productionRefusesTheVneidSandbox(@TempDir Path dir) {
		Throwable failure = catchThrowable(() -> start(dir, "--spring.profiles.active=production", "--hpid.demo=false",
				"--hpid.vneid-sandbox=true"));
		assertThat(rootMessage(failure)).contains("refuses to start with the VNeID sandbox on");
	}

	@Test
	void productionRefusesAMasterKeyFile(@TempDir Path dir) {
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(HpidApplication.class).run(
				"--server.port=0", "--management.server.port=0", "--spring.profiles.active=production",
				"--hpid.data-directory=" + dir, "--hpid.master-key=",
				"--spring.datasource.url=jdbc:h2:mem:prod-key;DB_CLOSE_DELAY=-1"));
		assertThat(rootMessage(failure)).contains("HPID_MASTER_KEY is not set");
	}

	private static void start(Path dir, String... extra) {
		String[] args = new String[extra.length + 5];
		args[0] = "--server.port=0";
		args[1] = "--management.server.port=0";
		args[2] = "--hpid.data-directory=" + dir;
		args[3] = "--hpid.master-key=" + KEY;
		args[4] = "--spring.datasource.url=jdbc:h2:mem:" + dir.getFileName() + ";DB_CLOSE_DELAY=-1";
		System.arraycopy(extra, 0, args, 5, extra.length);
		new SpringApplicationBuilder(HpidApplication.class).run(args).close();
	}

	private static String rootMessage(Throwable failure) {
		assertThat(failure).as("start-up should have failed").isNotNull();
		StringBuilder messages = new StringBuilder();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			messages.append(t.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
