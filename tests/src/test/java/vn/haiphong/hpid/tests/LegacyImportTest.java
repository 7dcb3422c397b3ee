package vn.haiphong.hpid.tests;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.security.crypto.bcrypt.BCrypt;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.haiphong.hpid.peopleimport.ImportPeopleCommand;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code import-people} against a running server's PostgreSQL database, then the
 * imported people signing in through the real sign-in page with their legacy passwords.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyImportTest {

	private static final String BCRYPT_PASSWORD = "mật khẩu từ hệ thống cũ";

	private static final String PBKDF2_PASSWORD = "Django-2018!";

	HpidServer server;

	Path directory;

	@BeforeAll
	void start() throws Exception {
		this.server = HpidServer.start(HpidServer.Database.POSTGRESQL);
		this.directory = Files.createTempDirectory("hpid-import");
	}

	@AfterAll
	void stop() {
		this.server.close();
	}

	@Test
	void importedPeopleSignInWithTheirLegacyPasswordsWhichAreThenReplacedByArgon2id() throws Exception {
		Path file = this.directory.resolve("people.jsonl");
		Files.writeString(file, String.join("\n",
				json("b-1", "email", "lan.bcrypt@example.vn", BCrypt.hashpw(BCRYPT_PASSWORD, BCrypt.gensalt(10))
					.replace("$2a$", "$2y$"), "031195004567"),
				json("d-1", "phone", "0903 111 222", django(PBKDF2_PASSWORD, 600_000), null)) + "\n");
		assertThat(importPeople(file, "--realm", "haiphong", "--format", "jsonl").exit()).isZero();

		// bcrypt: signs in, and the hash is Argon2id from then on.
		String bcryptSub = signIn("lan.bcrypt@example.vn", BCRYPT_PASSWORD);
		assertThat(passwordHash("lan.bcrypt@example.vn")).startsWith("$argon2id$");
		assertThat(signIn("lan.bcrypt@example.vn", BCRYPT_PASSWORD)).isEqualTo(bcryptSub);

		// PBKDF2: a wrong password is refused like any other and changes nothing.
		String legacy = passwordHash("+84903111222");
		assertThat(wrongPassword("0903111222", "Django-2018?")).isEqualTo(401);
		assertThat(passwordHash("+84903111222")).isEqualTo(legacy);
		String pbkdf2Sub = signIn("0903 111 222", PBKDF2_PASSWORD);
		assertThat(passwordHash("+84903111222")).startsWith("$argon2id$");
		assertThat(signIn("+84903111222", PBKDF2_PASSWORD)).isEqualTo(pbkdf2Sub);

		// The personal ID number stays an unverified claim, never a verified identity.
		assertThat(this.server.jdbc()
			.sql("select count(*) from verified_identity where personal_id = '031195004567'")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.server.jdbc()
			.sql("select personal_id from unverified_personal_id where person_id = ?")
			.param(bcryptSub)
			.query(String.class)
			.single()).isEqualTo("031195004567");
	}

	@Test
	void aDryRunChangesNothingAndReportsDuplicatesAndConflictsLikeTheRealRun() throws Exception {
		String hash = BCrypt.hashpw("x", BCrypt.gensalt(4));
		Path existing = this.directory.resolve("existing.csv");
		Files.writeString(existing, "legacy_id,email,password_hash\nold-1,taken@example.vn," + hash + "\n");
		assertThat(importPeople(existing, "--realm", "haiphong").exit()).isZero();

		Path file = this.directory.resolve("batch.csv");
		Files.writeString(file, "legacy_id,email,phone,display_name,password_hash\n"
				+ "c-1,one@example.vn,,\"Nguyễn, Một\"," + hash + "\n" + "c-2,ONE@example.vn,,," + hash + "\n"
				+ "c-3,taken@example.vn,,," + hash + "\n" + "c-4,,0912 000 111,," + hash + "\n"
				+ "c-5,four@example.vn,,,sha1$abc\n");
		long before = people();
		Result dry = importPeople(file, "--realm", "haiphong", "--dry-run");
		assertThat(people()).isEqualTo(before);
		assertThat(dry.exit()).isEqualTo(1);

		Result real = importPeople(file, "--realm", "haiphong");
		assertThat(people()).isEqualTo(before + 2);
		assertThat(real.report().get("counts")).isEqualTo(dry.report().get("counts"));
		assertThat(real.report().get("problems")).isEqualTo(dry.report().get("problems"));
		JsonNode counts = real.report().get("counts");
		assertThat(counts.get("read").asInt()).isEqualTo(5);
		assertThat(counts.get("imported").asInt()).isEqualTo(2);
		assertThat(counts.get("duplicates").asInt()).isEqualTo(1);
		assertThat(counts.get("conflicts").asInt()).isEqualTo(1);
		assertThat(counts.get("invalid").asInt()).isEqualTo(1);
		List<String> problems = new ArrayList<>();
		real.report().get("problems").forEach((p) -> problems.add(p.get("kind").asString() + "@" + p.get("line").asInt()
				+ ":" + p.get("field").asString()));
		assertThat(problems).containsExactly("duplicate@3:email", "conflict@4:email", "invalid@6:password_hash");

		Result again = importPeople(file, "--realm", "haiphong");
		assertThat(people()).isEqualTo(before + 2);
		assertThat(again.report().get("counts").get("alreadyImported").asInt()).isEqualTo(2);
	}

	@Test
	void refusesAnUnknownRealmWithoutTouchingTheFile() throws Exception {
		Path file = this.directory.resolve("any.jsonl");
		Files.writeString(file, "{}\n");
		Result result = importPeople(file, "--realm", "nowhere");
		assertThat(result.exit()).isEqualTo(2);
		assertThat(result.err()).contains("unknown realm 'nowhere'");
	}

	// ----- helpers -----

	private record Result(int exit, JsonNode report, String out, String err) {
	}

	private Result importPeople(Path file, String... options) throws Exception {
		Path report = Files.createTempFile(this.directory, "report", ".json");
		List<String> arguments = new ArrayList<>(List.of(options));
		arguments.addAll(List.of("--report", report.toString(), file.toString()));
		arguments.addAll(this.server.commandArguments());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = ImportPeopleCommand.run(arguments, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		String written = Files.readString(report);
		return new Result(exit, written.isEmpty() ? null : JsonMapper.builder().build().readTree(written),
				out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private static String json(String legacyId, String loginField, String login, String hash, String personalId) {
		return "{\"legacy_id\":\"" + legacyId + "\",\"" + loginField + "\":\"" + login + "\",\"password_hash\":\""
				+ hash + "\"" + (personalId == null ? "" : ",\"personal_id\":\"" + personalId + "\"") + "}";
	}

	/** Django's default form and default count (Django 5.0). */
	private static String django(String password, int iterations) throws Exception {
		String salt = "qW3rTy9uIoP1aSdF";
		byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
			.generateSecret(new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations,
					256))
			.getEncoded();
		return "pbkdf2_sha256$" + iterations + "$" + salt + "$" + Base64.getEncoder().encodeToString(hash);
	}

	private String passwordHash(String login) {
		return this.server.jdbc()
			.sql("select password_hash from person where realm = 'haiphong' and (email_normalized = ? or phone = ?)")
			.params(login, login)
			.query(String.class)
			.single();
	}

	private long people() {
		return this.server.jdbc().sql("select count(*) from person").query(Long.class).single();
	}

	/** A full sign-in through the page and the code exchange; returns the ID token's sub. */
	private String signIn(String identifier, String password) throws Exception {
		CodeVerifier verifier = new CodeVerifier();
		URI redirect = URI.create("http://localhost/app-a/callback");
		try (Browser browser = new Browser()) {
			URI callback = browser.authorize(request(verifier, redirect), redirect.toString(), identifier, password);
			var code = AuthorizationResponse.parse(callback).toSuccessResponse().getAuthorizationCode();
			TokenResponse response = OIDCTokenResponseParser.parse(new TokenRequest(
					this.server.uri("/realms/haiphong/protocol/openid-connect/token"),
					new ClientSecretBasic(new ClientID("app-a"), new Secret(HpidServer.APP_A_SECRET)),
					new AuthorizationCodeGrant(code, redirect, verifier)).toHTTPRequest().send());
			assertThat(response.indicatesSuccess()).isTrue();
			JWTClaimsSet id = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens()
				.getIDToken()
				.getJWTClaimsSet();
			return id.getSubject();
		}
	}

	private int wrongPassword(String identifier, String password) throws Exception {
		try (Browser browser = new Browser()) {
			Page start = browser.open(request(new CodeVerifier(), URI.create("http://localhost/app-a/callback")));
			HtmlPage login = (HtmlPage) browser.open(start.getWebResponse().getResponseHeaderValue("Location"));
			return Browser.signIn(login, identifier, password).getWebResponse().getStatusCode();
		}
	}

	private URI request(CodeVerifier verifier, URI redirect) {
		return new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid"), new ClientID("app-a"),
				redirect)
			.endpointURI(this.server.uri("/realms/haiphong/protocol/openid-connect/auth"))
			.state(new State())
			.codeChallenge(verifier, CodeChallengeMethod.S256)
			.build()
			.toURI();
	}

}
