package vn.haiphong.hpid.realm;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.haiphong.hpid.realm.ClientRegistration.ClientAuthMethod;
import vn.haiphong.hpid.realm.ClientRegistration.ClientType;
import vn.haiphong.hpid.realm.ClientRegistration.GrantType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class RealmFileParserTest {

	private final RealmFileParser parser = new RealmFileParser();

	@Test
	void readsTheShippedHaiphongRealm() throws Exception {
		Realm realm;
		try (InputStream in = getClass().getClassLoader().getResourceAsStream("realms/haiphong.yaml")) {
			assertThat(in).as("realms/haiphong.yaml on the classpath").isNotNull();
			realm = this.parser.parseFile("haiphong.yaml", new InputStreamReader(in, StandardCharsets.UTF_8),
					RealmFileParserTest::shippedFile).value();
		}

		assertThat(realm.name()).isEqualTo("haiphong");
		assertThat(realm.displayName("vi")).isEqualTo("Thành phố Hải Phòng — Dịch vụ công");
		assertThat(realm.displayName("en")).isEqualTo("Hai Phong City — Public services");
		assertThat(realm.selfRegistration()).isTrue();
		assertThat(realm.passwordPolicy()).isEqualTo(PasswordPolicySettings.DEFAULT);
		assertThat(realm.tokens()).isEqualTo(TokenSettings.DEFAULT);
		assertThat(realm.sessions()).isEqualTo(SessionSettings.DEFAULT);

		ClientRegistration portal = realm.client("portal").orElseThrow();
		assertThat(portal.type()).isEqualTo(ClientType.CONFIDENTIAL);
		assertThat(portal.secretReference()).contains("HPID_PORTAL_CLIENT_SECRET");
		assertThat(portal.authenticationMethods()).containsExactlyInAnyOrder(ClientAuthMethod.CLIENT_SECRET_BASIC,
				ClientAuthMethod.CLIENT_SECRET_POST);
		assertThat(portal.redirectUris()).containsExactly("https://dichvucong.haiphong.gov.vn/login/callback");
		assertThat(portal.postLogoutRedirectUris()).containsExactly("https://dichvucong.haiphong.gov.vn/");
		assertThat(portal.grantTypes()).containsExactlyInAnyOrder(GrantType.AUTHORIZATION_CODE,
				GrantType.REFRESH_TOKEN);
		assertThat(portal.scopes()).containsExactlyInAnyOrder("openid", "profile", "email", "phone", "national_id",
				"verified_claims");
		assertThat(portal.demo()).isFalse();
		assertThat(portal.pairwiseSector()).isEmpty();

		assertThat(realm.branding().primaryColor()).contains("#b71c1c");
		assertThat(realm.branding().hasLogoFile()).isTrue();

		// The citizens' apps: national_id only where the service needs it; tourism is pairwise.
		ClientRegistration health = realm.client("suckhoe").orElseThrow();
		assertThat(health.scopes()).contains("national_id");
		assertThat(health.minimumLevel()).contains(vn.haiphong.hpid.spi.LevelOfAssurance.HIGH);
		assertThat(realm.client("giaoduc").orElseThrow().scopes()).doesNotContain("national_id");
		ClientRegistration tourism = realm.client("dulich").orElseThrow();
		assertThat(tourism.scopes()).doesNotContain("national_id");
		assertThat(tourism.pairwiseSector()).contains("dulich.haiphong.gov.vn");
		for (ClientRegistration client : realm.clients()) {
			if (!client.demo()) {
				assertThat(client.redirectUris()).as(client.clientId())
					.allMatch((uri) -> uri.matches("https://[a-z.]+\\.haiphong\\.gov\\.vn/.*"));
			}
		}

		ClientRegistration demoApp = realm.client("demo-app").orElseThrow();
		assertThat(demoApp.type()).isEqualTo(ClientType.PUBLIC);
		assertThat(demoApp.secretReference()).isEmpty();
		assertThat(demoApp.authenticationMethods()).containsExactly(ClientAuthMethod.NONE);
		assertThat(demoApp.redirectUris()).containsExactly("http://localhost:8080/demo/callback");
		assertThat(demoApp.demo()).isTrue();

		ClientRegistration demoService = realm.client("demo-service").orElseThrow();
		assertThat(demoService.secretReference()).contains("HPID_DEMO_SERVICE_SECRET");
		assertThat(demoService.grantTypes()).containsExactly(GrantType.CLIENT_CREDENTIALS);
		assertThat(demoService.scopes()).containsExactly("records.read");
		assertThat(demoService.redirectUris()).isEmpty();
		assertThat(demoService.demo()).isTrue();

		UpstreamRegistration vneid = realm.upstream("vneid").orElseThrow();
		assertThat(vneid.type()).isEqualTo(UpstreamRegistration.Type.VNEID);
		assertThat(vneid.sandbox()).isTrue();
		assertThat(vneid.displayName("vi")).isEqualTo("VNeID");
	}

	@Test
	void readsAVneidUpstreamWithItsContractAsReferencesAndAClientMinimumLevel() {
		Realm realm = parse("""
				realm: test
				displayName: { vi: Thử }
				upstreams:
				  - alias: vneid
				    type: vneid
				    displayName: { vi: VNeID }
				    authorizationUri: https://vneid.example/oauth/authorize
				    tokenUri: https://vneid.example/oauth/token
				    userinfoUri: https://vneid.example/oauth/userinfo
				    clientId: haiphong
				    secret: ${env:HPID_VNEID_SECRET}
				    rpKey: /etc/hpid/vneid-rp.pem
				    levelMapping: { "1": 1, "2": 2, "IAL2": 2 }
				    readTimeout: 4s
				clients:
				  - clientId: records
				    type: public
				    redirectUris: [https://records.example/cb]
				    scopes: [openid, profile, national_id]
				    minimumAcr: urn:hpid:acr:vneid:level2
				""");
		UpstreamRegistration vneid = realm.upstream("vneid").orElseThrow();
		assertThat(vneid.secretReference()).contains("HPID_VNEID_SECRET");
		assertThat(vneid.rpKey().orElseThrow().file()).contains("/etc/hpid/vneid-rp.pem");
		assertThat(vneid.levelMapping()).containsEntry("IAL2", vn.haiphong.hpid.spi.LevelOfAssurance.HIGH)
			.containsEntry("1", vn.haiphong.hpid.spi.LevelOfAssurance.LOW);
		assertThat(vneid.readTimeout()).isEqualTo(Duration.ofSeconds(4));
		assertThat(vneid.sandbox()).isFalse();
		assertThat(realm.client("records").orElseThrow().minimumLevel())
			.contains(vn.haiphong.hpid.spi.LevelOfAssurance.HIGH);
	}

	@Test
	void rejectsUpstreamSecretsAndKeysWrittenInTheFileAndMissingEndpoints() {
		assertThat(errors("""
				realm: test
				displayName: { vi: Thử }
				upstreams:
				  - alias: vneid
				    type: vneid
				    clientId: haiphong
				    secret: literally-the-secret
				    rpKey: "-----BEGIN PRIVATE KEY-----"
				    levelMapping: { "IAL3": 3 }
				""")).extracting(RealmFileError::fieldPath)
			.containsExactlyInAnyOrder("upstreams[0].secret", "upstreams[0].rpKey", "upstreams[0].authorizationUri",
					"upstreams[0].tokenUri", "upstreams[0].userinfoUri", "upstreams[0].levelMapping");
	}

	@Test
	void rejectsAnUnknownMinimumAcr() {
		assertThat(errors(realmWithClient("""
				  - clientId: app
				    type: public
				    redirectUris: [https://app.example/cb]
				    minimumAcr: loa3
				"""))).extracting(RealmFileError::fieldPath).containsExactly("clients[0].minimumAcr");
	}

	@Test
	void appliesDefaultsAndInheritsRealmTokenLifetimesInClientOverrides() {
		Realm realm = parse("""
				realm: test
				displayName: { vi: Thử }
				tokens: { accessTokenLifetime: 10m, refreshTokenLifetime: P1D }
				sessions: { idleTimeout: 15m, absoluteTimeout: 8h }
				passwordPolicy: { minLength: 15 }
				clients:
				  - clientId: app
				    type: public
				    redirectUris: [https://app.example/cb]
				    tokens: { idTokenLifetime: 2m }
				""");

		assertThat(realm.selfRegistration()).isFalse();
		assertThat(realm.passwordPolicy()).isEqualTo(new PasswordPolicySettings(15, 128));
		assertThat(realm.tokens().accessTokenLifetime()).isEqualTo(Duration.ofMinutes(10));
		assertThat(realm.tokens().refreshTokenLifetime()).isEqualTo(Duration.ofDays(1));
		assertThat(realm.sessions()).isEqualTo(new SessionSettings(Duration.ofMinutes(15), Duration.ofHours(8)));
		ClientRegistration app = realm.client("app").orElseThrow();
		assertThat(app.tokens()).isEqualTo(new TokenSettings(Duration.ofSeconds(60), Duration.ofMinutes(10),
				Duration.ofMinutes(2), Duration.ofDays(1)));
		assertThat(app.scopes()).containsExactlyInAnyOrder("openid", "profile");
		assertThat(app.grantTypes()).containsExactlyInAnyOrder(GrantType.AUTHORIZATION_CODE,
				GrantType.REFRESH_TOKEN);
		assertThat(app.displayName()).containsEntry("vi", "app");
		assertThat(app.requireConsent()).isFalse();
		assertThat(app.jwksUri()).isEmpty();
	}

	@Test
	void acceptsPrivateKeyJwtWithAJwksUri() {
		Realm realm = parse("""
				realm: test
				displayName: { vi: Thử }
				clients:
				  - clientId: tax
				    type: confidential
				    authenticationMethods: [private_key_jwt]
				    jwksUri: https://tax.example/jwks.json
				    redirectUris: [https://tax.example/cb, vn.gov.haiphong.tax:/cb]
				""");

		ClientRegistration tax = realm.client("tax").orElseThrow();
		assertThat(tax.jwksUri()).map(Object::toString).contains("https://tax.example/jwks.json");
		assertThat(tax.secretReference()).isEmpty();
	}

	@Test
	void acceptsAFirstPartyRedirectUriWrittenAsAPathOnHpidsOwnOrigin() {
		Realm realm = parse(realmWithClient("""
				  - clientId: console
				    type: public
				    redirectUris: [/admin/console/]
				    postLogoutRedirectUris: [/admin/console/]
				"""));
		assertThat(realm.client("console").orElseThrow().redirectUris()).containsExactly("/admin/console/");
	}

	@Test
	void rejectsPathRedirectUrisThatCouldLeaveHpidsOrigin() {
		assertThat(errors(realmWithClient("""
				  - clientId: console
				    type: public
				    redirectUris: [//evil.example/cb, /admin/../x, /admin/console/#frag, admin/console]
				"""))).extracting(RealmFileError::reason)
			.containsExactly("must be an absolute URI, or a path on hpid's own origin starting with /",
					"must not contain . or .. segments",
					"must not contain a fragment (RFC 6749 §3.1.2)",
					"must be an absolute URI, or a path on hpid's own origin starting with /");
	}

	@Test
	void rejectsAnUnknownField() {
		assertThat(errors("""
				realm: test
				displayName: { vi: Thử }
				selfRegistraton: true
				""")).containsExactly(error("selfRegistraton", 3,
						"unknown field; expected one of realm, displayName, selfRegistration, passwordPolicy, "
								+ "tokens, sessions, clients, removedClients, upstreams, secondFactor, branding"));
	}

	@Test
	void readsTheClientsAFileRemoves() {
		Realm realm = parse("""
				realm: test
				displayName: { vi: Thử }
				removedClients: [old-app, legacy.portal]
				""");
		assertThat(realm.removedClients()).containsExactly("old-app", "legacy.portal");
	}

	@Test
	void reportsEachWrongRemovedClientWithItsPath() {
		assertThat(errors("""
				realm: test
				displayName: { vi: Thử }
				clients:
				  - clientId: app
				    type: public
				    redirectUris: [https://app.example/cb]
				removedClients:
				  - old-app
				  - app
				  - "not an id"
				  - old-app
				""")).containsExactly(
						error("removedClients[1]", 9, "also declared under clients; a client is either kept or removed, not both"),
						error("removedClients[2]", 10, "not a client id; must match ^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$"),
						error("removedClients[3]", 11, "listed twice"));
	}

	@Test
	void rejectsRemovedClientsThatAreNotAList() {
		assertThat(errors("""
				realm: test
				displayName: { vi: Thử }
				removedClients: old-app
				""")).containsExactly(error("removedClients", 3, "expected a list"));
	}

	@Test
	void rejectsAnUnknownFieldInAClient() {
		assertThat(errors(realmWithClient("""
				  - clientId: app
				    type: public
				    redirectUri: [https://app.example/cb]
				    redirectUris: [https://app.example/cb]
				"""))).singleElement().satisfies(error -> {
					assertThat(error.fieldPath()).isEqualTo("clients[0].redirectUri");
					assertThat(error.line()).isEqualTo(6);
					assertThat(error.reason()).startsWith("unknown field; expected one of clientId, displayName");
				});
	}

	@Test
	void rejectsALiteralSecretWithoutRevealingIt() {
		RealmFileException failure = failure(realmWithClient("""
				  - clientId: portal
				    type: confidential
				    secret: hunter2-the-real-secret
				    redirectUris: [https://portal.example/cb]
				"""));

		assertThat(failure.errors()).containsExactly(error("clients[0].secret", 6,
				"secrets must be references to environment variables, e.g. ${env:PORTAL_CLIENT_SECRET}, "
						+ "never literals"));
		assertThat(failure.getMessage()).doesNotContain("hunter2");
	}

	@Test
	void rejectsASecretReferenceWithALowercaseVariableName() {
		assertThat(errors(realmWithClient("""
				  - clientId: portal
				    type: confidential
				    secret: ${env:portal_secret}
				    redirectUris: [https://portal.example/cb]
				"""))).extracting(RealmFileError::fieldPath, RealmFileError::line)
			.containsExactly(tuple("clients[0].secret", 6));
	}

	@Test
	void rejectsAWildcardRedirectUri() {
		assertThat(errors(realmWithClient("""
				  - clientId: app
				    type: public
				    redirectUris:
				      - https://app.example/cb
				      - https://*.app.example/cb
				"""))).containsExactly(error("clients[0].redirectUris[1]", 8,
						"wildcards are not allowed; register every redirect URI exactly"));
	}

	@Test
	void rejectsAnHttpRedirectUriToANonLoopbackHost() {
		assertThat(errors(realmWithClient("""
				  - clientId: app
				    type: public
				    redirectUris: [http://app.example/cb]
				"""))).containsExactly(error("clients[0].redirectUris[0]", 6,
						"http is allowed only for localhost, 127.0.0.1 and [::1]; use https"));
	}

	@Test
	void acceptsHttpRedirectUrisOnLoopback() {
		Realm realm = parse(realmWithClient("""
				  - clientId: app
				    type: public
				    redirectUris: [http://localhost:3000/cb, http://127.0.0.1/cb, "http://[::1]:8080/cb"]
				"""));

		assertThat(realm.client("app").orElseThrow().redirectUris()).hasSize(3);
	}

	@Test
	void rejectsARedirectUriWithAFragment() {
		assertThat(errors(realmWithClient("""
				  - clientId: app
				    type: public
				    redirectUris: [https://app.example/cb]
				    postLogoutRedirectUris: ["https://app.example/#bye"]
				"""))).containsExactly(error("clients[0].postLogoutRedirectUris[0]", 7,
						"must not contain a fragment (RFC 6749 §3.1.2)"));
	}

	@Test
	void aClientHasNoWebOriginsUnlessItListsThem() {
		Realm realm = parse(realmWithClient("""
				  - clientId: app
				    type: public
				    redirectUris: [https://app.example/cb]
				"""));

		assertThat(realm.client("app").orElseThrow().webOrigins()).isEmpty();
	}

	@Test
	void readsWebOriginsAsBrowsersSendThemInTheOriginHeader() {
		Realm realm = parse(realmWithClient("""
				  - clientId: app
				    type: public
				    redirectUris: [https://dulich.haiphong.gov.vn/cb]
				    webOrigins:
				      - HTTPS://DuLich.HaiPhong.gov.vn:443
				      - https://app.example:8443
				      - http://localhost:5173
				      - http://127.0.0.1:80
				      - "http://[::1]:3000"
				"""));

		assertThat(realm.client("app").orElseThrow().webOrigins()).containsExactly("https://dulich.haiphong.gov.vn",
				"https://app.example:8443", "http://localhost:5173", "http://127.0.0.1", "http://[::1]:3000");
	}

	@Test
	void rejectsWebOriginsThatAreNotExactlyAnOrigin() {
		assertThat(errors(realmWithClient("""
				  - clientId: app
				    type: public
				    redirectUris: [https://app.example/cb]
				    webOrigins:
				      - https://app.example/
				      - https://app.example/spa
				      - https://*.app.example
				      - http://app.example
				      - app.example
				      - ftp://app.example
				      - https://user@app.example
				      - "null"
				      - "+"
				      - https://app.example:70000
				      - https://app.example
				      - https://APP.example:443
				"""))).containsExactly(
						error("clients[0].webOrigins[0]", 8, "must not end with /: an origin has no path"),
						error("clients[0].webOrigins[1]", 9,
								"must not have a path, query or fragment: an origin is scheme://host[:port]"),
						error("clients[0].webOrigins[2]", 10, "wildcards are not allowed; list every origin exactly"),
						error("clients[0].webOrigins[3]", 11,
								"http is allowed only for localhost, 127.0.0.1 and [::1]; use https"),
						error("clients[0].webOrigins[4]", 12,
								"must be an origin: scheme://host[:port], e.g. https://dulich.haiphong.gov.vn"),
						error("clients[0].webOrigins[5]", 13,
								"the scheme must be https (http only for localhost, 127.0.0.1 and [::1])"),
						error("clients[0].webOrigins[6]", 14, "must not contain user information"),
						error("clients[0].webOrigins[7]", 15,
								"the null origin (sandboxed frames, file: pages) cannot be allowed"),
						error("clients[0].webOrigins[8]", 16,
								"list the origins exactly; hpid does not derive them from the redirect URIs"),
						error("clients[0].webOrigins[9]", 17, "the port must be between 1 and 65535"),
						error("clients[0].webOrigins[11]", 19, "listed twice (as https://app.example)"));
	}

	@Test
	void rejectsWebOriginsThatAreNotAListOfStrings() {
		assertThat(errors(realmWithClient("""
				  - clientId: app
				    type: public
				    redirectUris: [https://app.example/cb]
				    webOrigins: https://app.example
				"""))).extracting(RealmFileError::fieldPath, RealmFileError::line)
			.containsExactly(tuple("clients[0].webOrigins", 7));
	}

	@Test
	void rejectsThePasswordGrant() {
		assertThat(errors(realmWithClient("""
				  - clientId: app
				    type: confidential
				    secret: ${env:APP_SECRET}
				    grantTypes: [authorization_code, password]
				    redirectUris: [https://app.example/cb]
				"""))).containsExactly(error("clients[0].grantTypes[1]", 7,
						"the password grant is not supported (RFC 9700 §2.4)"));
	}

	@Test
	void rejectsTheImplicitGrant() {
		assertThat(errors(realmWithClient("""
				  - clientId: app
				    type: public
				    grantTypes:
				      - implicit
				    redirectUris: [https://app.example/cb]
				"""))).containsExactly(error("clients[0].grantTypes[0]", 7,
						"the implicit grant is not supported (RFC 9700 §2.1.2)"));
	}

	@Test
	void rejectsAMinimumPasswordLengthBelowEight() {
		assertThat(errors("""
				realm: test
				displayName: { vi: Thử }
				passwordPolicy:
				  minLength: 6
				""")).containsExactly(
						error("passwordPolicy.minLength", 4, "must be at least 8 (OWASP ASVS 5, V6.2.1); 15 is recommended"));
	}

	@Test
	void rejectsADuplicateClientId() {
		assertThat(errors(realmWithClient("""
				  - clientId: app
				    type: public
				    redirectUris: [https://app.example/cb]
				  - clientId: app
				    type: public
				    redirectUris: [https://app.example/other]
				"""))).containsExactly(error("clients[1].clientId", 7, "duplicate clientId; already used by clients[0]"));
	}

	@Test
	void rejectsAFileWithoutARealmName() {
		assertThat(errors("""
				displayName: { vi: Thử }
				selfRegistration: false
				""")).containsExactly(error("realm", 1, "required"));
	}

	@Test
	void reportsTheLineOfAYamlSyntaxError() {
		assertThat(errors("""
				realm: test
				displayName: { vi: Thử }
				clients:
				  - clientId: app
				     type: public
				""")).singleElement().satisfies(error -> {
					assertThat(error.fieldPath()).isEqualTo(RealmFileError.ROOT);
					assertThat(error.line()).isEqualTo(5);
					assertThat(error.reason()).startsWith("invalid YAML: ");
				});
	}

	@Test
	void rejectsAValueOfTheWrongType() {
		assertThat(errors("""
				realm: test
				displayName: { vi: Thử }
				selfRegistration: maybe
				clients:
				  clientId: app
				""")).containsExactly(error("selfRegistration", 3, "expected true or false"),
						error("clients", 5, "expected a list"));
	}

	@Test
	void rejectsAListWhereAMapIsExpected() {
		assertThat(errors("""
				realm: test
				displayName: [Thử]
				""")).containsExactly(error("displayName", 2, "expected a map with the fields vi, en"));
	}

	@Test
	void rejectsAFileThatIsNotAMap() {
		assertThat(errors("- realm: test\n")).containsExactly(error(RealmFileError.ROOT, 1,
				"expected a map with the fields realm, displayName, selfRegistration, passwordPolicy, tokens, "
						+ "sessions, clients, removedClients, upstreams, secondFactor, branding"));
	}

	@Test
	void rejectsASecretOnAPublicClient() {
		assertThat(errors(realmWithClient("""
				  - clientId: app
				    type: public
				    secret: ${env:APP_SECRET}
				    redirectUris: [https://app.example/cb]
				"""))).containsExactly(error("clients[0].secret", 6,
						"public clients have no secret; remove it or make the client confidential"));
	}

	@Test
	void rejectsPrivateKeyJwtWithoutAJwksUri() {
		assertThat(errors(realmWithClient("""
				  - clientId: tax
				    type: confidential
				    authenticationMethods: [private_key_jwt]
				    redirectUris: [https://tax.example/cb]
				"""))).containsExactly(error("clients[0].jwksUri", 4, "required when private_key_jwt is used"));
	}

	@Test
	void rejectsClientCredentialsForAPublicClient() {
		assertThat(errors(realmWithClient("""
				  - clientId: app
				    type: public
				    grantTypes: [client_credentials]
				"""))).containsExactly(
						error("clients[0].grantTypes[0]", 6, "client_credentials requires a confidential client"));
	}

	@Test
	void rejectsTokenLifetimesOutsideTheirBounds() {
		assertThat(errors("""
				realm: test
				displayName: { vi: Thử }
				tokens:
				  accessTokenLifetime: 2h
				  authorizationCodeLifetime: 60
				""")).containsExactly(error("tokens.authorizationCodeLifetime", 5,
						"expected a positive duration such as 60s, 5m, 8h, 30d or PT5M"),
						error("tokens.accessTokenLifetime", 4, "must be between 1m and 1h"));
	}

	@Test
	void collectsEveryErrorInTheFile() {
		RealmFileException failure = failure("""
				realm: Hai Phong
				displayName: { en: Hai Phong }
				passwordPolicy: { minLength: 6, maxLength: 32 }
				sessions: { idleTimeout: 12h, absoluteTimeout: 10h }
				clients:
				  - clientId: portal
				    type: confidential
				    secret: not-a-reference
				    grantTypes: [password]
				    redirectUris: ["https://*.example/cb"]
				  - type: public
				""");

		assertThat(failure.errors()).extracting(RealmFileError::fieldPath, RealmFileError::line)
			.containsExactlyInAnyOrder(tuple("realm", 1),
					tuple("displayName.vi", 2),
					tuple("passwordPolicy.minLength", 3),
					tuple("passwordPolicy.maxLength", 3),
					tuple("sessions.idleTimeout", 4),
					tuple("clients[0].secret", 8),
					tuple("clients[0].grantTypes[0]", 9),
					tuple("clients[0].redirectUris[0]", 10),
					tuple("clients[1].clientId", 11),
					tuple("clients[1].redirectUris", 11));
		assertThat(failure.getMessage()).contains("test.yaml:9: clients[0].grantTypes[0]: "
				+ "the password grant is not supported (RFC 9700 §2.4)");
	}

	/** The files beside the shipped realm files, on the classpath. */
	private static java.util.Optional<byte[]> shippedFile(String name, int maxBytes) throws java.io.IOException {
		try (InputStream in = RealmFileParserTest.class.getClassLoader().getResourceAsStream("realms/" + name)) {
			return in == null ? java.util.Optional.empty() : java.util.Optional.of(in.readNBytes(maxBytes + 1));
		}
	}

	private Realm parse(String yaml) {
		return this.parser.parse("test.yaml", new StringReader(yaml));
	}

	private List<RealmFileError> errors(String yaml) {
		return failure(yaml).errors();
	}

	private RealmFileException failure(String yaml) {
		Reader reader = new StringReader(yaml);
		RealmFileException failure = catchThrowableOfType(RealmFileException.class,
				() -> this.parser.parse("test.yaml", reader));
		assertThat(failure).as("a RealmFileException").isNotNull();
		return failure;
	}

	/** A valid realm whose clients list starts on line 4. */
	private static String realmWithClient(String clients) {
		return """
				realm: test
				displayName: { vi: Thử }
				clients:
				""" + clients;
	}

	private static RealmFileError error(String fieldPath, int line, String reason) {
		return new RealmFileError("test.yaml", fieldPath, line, reason);
	}



	@Test
	void readsTheShippedStaffRealmWhichRequiresASecondFactor() throws Exception {
		try (InputStream in = getClass().getClassLoader().getResourceAsStream("realms/staff.yaml")) {
			Realm staff = this.parser.parseFile("staff.yaml", new InputStreamReader(in, StandardCharsets.UTF_8),
					RealmFileParserTest::shippedFile).value();
			assertThat(staff.selfRegistration()).isFalse();
			assertThat(staff.secondFactor()).isEqualTo(Realm.SecondFactorPolicy.REQUIRED);
			assertThat(staff.passwordPolicy().minLength()).isEqualTo(12);
			// Its own look, distinct from the citizens' realm (the logo file is read by the loader).
			assertThat(staff.branding().primaryColor()).contains("#0b5cab");
			assertThat(staff.branding().backgroundColor()).contains("#eef3f8");
		}
	}

}
