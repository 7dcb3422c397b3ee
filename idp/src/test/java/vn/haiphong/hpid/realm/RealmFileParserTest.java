package vn.haiphong.hpid.realm;

import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.haiphong.hpid.realm.ClientRegistration.ClientAuthMethod;
import vn.haiphong.hpid.realm.ClientRegistration.ClientType;
import vn.haiphong.hpid.realm.ClientRegistration.GrantType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RealmFileParserTest {

	private static final String HEAD = """
			realm: test
			displayName: { vi: "Thử" }
			clients:
			""";

	@Test
	void parsesTheShippedHaiphongRealm() throws Exception {
		try (var in = getClass().getResourceAsStream("/realms/haiphong.yaml")) {
			Realm realm = RealmFileParser.parse("haiphong.yaml", new InputStreamReader(in, StandardCharsets.UTF_8));
			assertThat(realm.name()).isEqualTo("haiphong");
			assertThat(realm.selfRegistration()).isTrue();
			ClientRegistration portal = realm.client("portal").orElseThrow();
			assertThat(portal.type()).isEqualTo(ClientType.CONFIDENTIAL);
			assertThat(portal.secretReference()).contains("HPID_PORTAL_CLIENT_SECRET");
			assertThat(portal.authenticationMethods()).containsExactlyInAnyOrder(ClientAuthMethod.CLIENT_SECRET_BASIC,
					ClientAuthMethod.CLIENT_SECRET_POST);
			assertThat(portal.grantTypes()).containsExactlyInAnyOrder(GrantType.AUTHORIZATION_CODE,
					GrantType.REFRESH_TOKEN);
			assertThat(realm.client("demo-app").orElseThrow().demo()).isTrue();
			assertThat(realm.tokens().authorizationCodeLifetime()).isEqualTo(Duration.ofSeconds(60));
		}
	}

	@Test
	void clientTokensInheritTheRealmsAndOverrideFieldByField() {
		Realm realm = parse("""
				realm: test
				displayName: { vi: "Thử" }
				tokens: { accessTokenLifetime: 10m, refreshTokenLifetime: 1d }
				clients:
				  - clientId: a
				    type: public
				    redirectUris: [http://localhost/cb]
				    tokens: { accessTokenLifetime: 2m }
				""");
		TokenSettings tokens = realm.client("a").orElseThrow().tokens();
		assertThat(tokens.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(2));
		assertThat(tokens.refreshTokenLifetime()).isEqualTo(Duration.ofDays(1));
		assertThat(tokens.authorizationCodeLifetime()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void reportsAnUnknownFieldWithItsLine() {
		assertError(HEAD + """
				  - clientId: a
				    type: public
				    redirectUri: [http://localhost/cb]
				""", "clients[0].redirectUri", 6, "unknown field");
	}

	@Test
	void refusesALiteralSecret() {
		assertError(HEAD + """
				  - clientId: a
				    type: confidential
				    secret: hunter2-but-longer-than-you-think
				    redirectUris: [https://a.example/cb]
				""", "clients[0].secret", 6, "references to environment variables");
	}

	@Test
	void refusesWildcardHttpAndFragmentRedirects() {
		RealmFileException failure = failure(HEAD + """
				  - clientId: a
				    type: public
				    redirectUris:
				      - https://*.example/cb
				      - http://app.example/cb
				      - https://app.example/cb#x
				""");
		assertThat(failure.errors()).extracting(RealmFileError::fieldPath, RealmFileError::line)
			.contains(org.assertj.core.groups.Tuple.tuple("clients[0].redirectUris[0]", 7),
					org.assertj.core.groups.Tuple.tuple("clients[0].redirectUris[1]", 8),
					org.assertj.core.groups.Tuple.tuple("clients[0].redirectUris[2]", 9));
		assertThat(failure.getMessage()).contains("wildcards are not allowed", "http is allowed only for localhost",
				"must not have a fragment");
	}

	@Test
	void refusesThePasswordAndImplicitGrantsBySpecification() {
		RealmFileException failure = failure(HEAD + """
				  - clientId: a
				    type: confidential
				    secret: ${env:A_SECRET}
				    redirectUris: [https://a.example/cb]
				    grantTypes: [authorization_code, password, implicit]
				""");
		assertThat(failure.getMessage()).contains("test.yaml:8: clients[0].grantTypes[1]: the password grant is not supported")
			.contains("clients[0].grantTypes[2]: the implicit grant is not supported");
	}

	@Test
	void refusesAMinimumPasswordLengthBelowEight() {
		assertError("""
				realm: test
				displayName: { vi: "Thử" }
				passwordPolicy: { minLength: 6 }
				""", "passwordPolicy.minLength", 3, "at least 8");
	}

	@Test
	void refusesDuplicateClientIds() {
		assertError(HEAD + """
				  - clientId: a
				    type: public
				    redirectUris: [http://localhost/a]
				  - clientId: a
				    type: public
				    redirectUris: [http://localhost/b]
				""", "clients[1].clientId", 7, "duplicate clientId");
	}

	@Test
	void requiresTheRealmName() {
		assertError("displayName: { vi: \"Thử\" }\n", "realm", 1, "required");
	}

	@Test
	void reportsYamlSyntaxErrorsWithTheirLine() {
		RealmFileException failure = failure("realm: test\ndisplayName: { vi: \"Thử\"\nclients: []\n");
		assertThat(failure.errors()).hasSize(1);
		assertThat(failure.errors().get(0).line()).isBetween(2, 3);
		assertThat(failure.errors().get(0).reason()).startsWith("not valid YAML");
	}

	@Test
	void reportsWrongTypes() {
		RealmFileException failure = failure("""
				realm: test
				displayName: { vi: "Thử" }
				selfRegistration: sometimes
				clients: { a: 1 }
				""");
		assertThat(failure.getMessage()).contains("test.yaml:3: selfRegistration: expected true or false")
			.contains("test.yaml:4: clients: expected a list");
	}

	@Test
	void refusesASecretOnAPublicClientAndClientCredentialsWithoutConfidentiality() {
		RealmFileException failure = failure(HEAD + """
				  - clientId: a
				    type: public
				    secret: ${env:A_SECRET}
				    grantTypes: [client_credentials]
				""");
		assertThat(failure.getMessage()).contains("a public client has no secret")
			.contains("client_credentials needs a confidential client");
	}

	@Test
	void privateKeyJwtNeedsAJwksUri() {
		assertError(HEAD + """
				  - clientId: a
				    type: confidential
				    authenticationMethods: [private_key_jwt]
				    grantTypes: [client_credentials]
				""", "clients[0].jwksUri", 4, "required for private_key_jwt");
	}

	@Test
	void collectsEveryErrorOfAFile() {
		RealmFileException failure = failure("""
				realm: Not_Valid
				displayName: { vi: "Thử", fr: "Essai" }
				tokens: { accessTokenLifetime: forever }
				sessions: { idleTimeout: 2h, absoluteTimeout: 1h }
				""");
		assertThat(failure.errors()).extracting(RealmFileError::fieldPath)
			.containsExactlyInAnyOrder("realm", "displayName.fr", "tokens.accessTokenLifetime", "sessions.idleTimeout");
	}

	@Test
	void loaderRefusesTheSameRealmInTwoFiles(@TempDir Path dir) throws Exception {
		String realm = "realm: twice\ndisplayName: { vi: \"Hai lần\" }\n";
		Files.writeString(dir.resolve("a.yaml"), realm);
		Files.writeString(dir.resolve("b.yaml"), realm);
		assertThatThrownBy(() -> new RealmFileLoader().load(List.of("file:" + dir + "/*.yaml")))
			.isInstanceOf(RealmFileException.class)
			.hasMessageContaining("realm 'twice' is already defined in");
	}

	@Test
	void loaderReportsErrorsOfAllFilesAtOnce(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("one.yaml"), "realm: one\n");
		Files.writeString(dir.resolve("two.yaml"), "realm: two\ndisplayName: { vi: \"Hai\" }\nextra: 1\n");
		RealmFileException failure = catchThrowableOfType(RealmFileException.class,
				() -> new RealmFileLoader().load(List.of("file:" + dir + "/*.yaml")));
		assertThat(failure.errors()).extracting(RealmFileError::file).containsExactlyInAnyOrder("one.yaml", "two.yaml");
	}

	private static Realm parse(String yaml) {
		return RealmFileParser.parse("test.yaml", new StringReader(yaml));
	}

	private static RealmFileException failure(String yaml) {
		return catchThrowableOfType(RealmFileException.class, () -> parse(yaml));
	}

	private static void assertError(String yaml, String fieldPath, int line, String reason) {
		RealmFileException failure = failure(yaml);
		assertThat(failure).as("expected an error").isNotNull();
		assertThat(failure.errors()).anySatisfy((error) -> {
			assertThat(error.file()).isEqualTo("test.yaml");
			assertThat(error.fieldPath()).isEqualTo(fieldPath);
			assertThat(error.line()).isEqualTo(line);
			assertThat(error.reason()).contains(reason);
		});
	}

}
