package vn.haiphong.hpid.realm;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import vn.haiphong.hpid.realm.ClientDefinitions.SecretSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ClientDefinitionsTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aWrittenDefinitionReadsBackAsTheSameClient() {
		Realm realm = new RealmFileParser().parse("r.yaml", new StringReader("""
				realm: rr
				displayName: { vi: R }
				tokens: { accessTokenLifetime: 3m }
				clients:
				  - clientId: portal
				    displayName: { vi: Cổng, en: Portal }
				    type: confidential
				    secret: ${env:PORTAL_SECRET}
				    redirectUris: [https://portal.example/cb, https://portal.example/cb2]
				    backchannelLogoutUri: https://portal.example/bcl
				    webOrigins: [https://portal.example, "https://Widgets.Portal.example:443"]
				    scopes: [profile, openid, email]
				    requireConsent: true
				    minimumAcr: urn:hpid:acr:vneid:level2
				    tokens: { refreshTokenLifetime: 1d }
				"""));
		ClientRegistration portal = realm.client("portal").orElseThrow();

		String text = this.json.writeValueAsString(ClientDefinitions.write(portal, realm.tokens()));
		ClientDefinitions.Parsed parsed = ClientDefinitions.read(text, realm.tokens(), SecretSource.ENVIRONMENT);

		assertThat(parsed.errors()).isEmpty();
		assertThat(parsed.client()).contains(portal);
		assertThat(text).contains("\"refreshTokenLifetime\":\"1d\"").doesNotContain("accessTokenLifetime");
		assertThat(text).contains("\"webOrigins\":[\"https://portal.example\",\"https://widgets.portal.example\"]");
		assertThat(this.json.writeValueAsString(ClientDefinitions.write(parsed.client().get(), realm.tokens())))
			.as("canonical: writing again gives the same text").isEqualTo(text);
	}

	@Test
	void aClientWithoutWebOriginsIsWrittenAsBeforeTheyExisted() {
		ClientDefinitions.Parsed parsed = ClientDefinitions.read(Map.of("clientId", "spa", "type", "public",
				"redirectUris", List.of("https://spa.example/cb")), TokenSettings.DEFAULT, SecretSource.GENERATED);

		// Stored definitions stay equal, so applying unchanged realm files bumps no version.
		assertThat(ClientDefinitions.write(parsed.client().orElseThrow(), TokenSettings.DEFAULT))
			.doesNotContainKey("webOrigins");
	}

	@Test
	void anApiDefinitionIsCheckedByTheRealmFileRulesWithFieldPaths() {
		Map<String, Object> definition = new LinkedHashMap<>();
		definition.put("clientId", "tax");
		definition.put("type", "confidential");
		definition.put("redirectUris", List.of("https://tax.example/cb", "http://tax.example/cb", "https://*.x/cb"));
		definition.put("grantTypes", List.of("authorization_code", "password"));
		definition.put("secret", "${env:X}");

		ClientDefinitions.Parsed parsed = ClientDefinitions.read(definition, TokenSettings.DEFAULT,
				SecretSource.GENERATED);

		assertThat(parsed.client()).isEmpty();
		assertThat(parsed.errors()).extracting(RealmFileError::fieldPath)
			.containsExactlyInAnyOrder("secret", "redirectUris[1]", "redirectUris[2]", "grantTypes[1]");
		assertThat(parsed.errors()).filteredOn((e) -> e.fieldPath().equals("grantTypes[1]"))
			.extracting(RealmFileError::reason)
			.containsExactly("the password grant is not supported (RFC 9700 §2.4)");
	}

	@Test
	void aConfidentialApiClientNeedsNoSecretReference() {
		ClientDefinitions.Parsed parsed = ClientDefinitions.read(Map.of("clientId", "svc", "type", "confidential",
				"grantTypes", List.of("client_credentials"), "scopes", List.of("records.read")), TokenSettings.DEFAULT,
				SecretSource.GENERATED);

		assertThat(parsed.errors()).isEmpty();
		assertThat(parsed.client()).get()
			.extracting(ClientRegistration::clientId, ClientRegistration::secretReference)
			.containsExactly("svc", java.util.Optional.empty());
	}

	@Test
	void theSameDefinitionInARealmFileStillNeedsItsSecretReference() {
		ClientDefinitions.Parsed parsed = ClientDefinitions.read(Map.of("clientId", "svc", "type", "confidential",
				"grantTypes", List.of("client_credentials")), TokenSettings.DEFAULT, SecretSource.ENVIRONMENT);

		assertThat(parsed.errors()).extracting(RealmFileError::fieldPath, RealmFileError::reason)
			.containsExactly(tuple("secret", "required when client_secret_basic or client_secret_post is used; "
					+ "write it as a reference such as ${env:PORTAL_CLIENT_SECRET}"));
	}

}
