package vn.haiphong.hpid.tests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the test realms, with the ports of the test clients' own endpoints filled in. */
final class RealmFiles {

	private RealmFiles() {
	}

	static Path write(Path dataDirectory) throws IOException {
		Path realms = Files.createDirectories(dataDirectory.resolve("realms"));
		for (String realm : List.of("haiphong.yaml", "staff.yaml", "secure.yaml", "admin.yaml")) {
			String template;
			try (InputStream in = RealmFiles.class.getResourceAsStream("/test-realm-templates/" + realm)) {
				template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			Files.writeString(realms.resolve(realm),
					template.replace("JWKS_PORT", Integer.toString(ClientKeys.jwksPort()))
						.replace("BCL_PORT", Integer.toString(LogoutReceivers.port()))
						.replace("VNEID_MOCK_PORT", Integer.toString(VneidMock.port()))
						.replace("SPA_UNREGISTERED_PORT", Integer.toString(BrowserApp.unregisteredPort()))
						.replace("SPA_PORT", Integer.toString(BrowserApp.registeredPort())));
		}
		try (InputStream logo = RealmFiles.class.getResourceAsStream("/test-realm-templates/haiphong-logo.svg")) {
			Files.write(realms.resolve("haiphong-logo.svg"), logo.readAllBytes());
		}
		return realms;
	}

}
