package vn.haiphong.hpid.admin;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdminAuditTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void secretsAreRedactedAtAnyDepthWhateverTheirSpelling() {
		JsonNode before = this.json.readTree("""
				{"clientId": "portal", "secret": "s3cr3t-value", "nested": {"client_secret": "x1", "Password": "x2",
				 "list": [{"refreshToken": "x3", "private-key": "x4", "name": "kept"}]}, "enabled": true}""");
		String redacted = this.json.writeValueAsString(AdminAudit.redact(before));
		assertThat(redacted).doesNotContain("s3cr3t-value", "x1", "x2", "x3", "x4")
			.contains("\"clientId\":\"portal\"", "\"name\":\"kept\"", "\"enabled\":true", AdminAudit.REDACTED);
	}

	@Test
	void aFlagAboutASecretIsNotASecret() {
		JsonNode credentials = this.json.readTree("{\"secret\": null, \"password\": false}");
		assertThat(this.json.writeValueAsString(AdminAudit.redact(credentials)))
			.isEqualTo("{\"secret\":null,\"password\":false}");
	}

}
