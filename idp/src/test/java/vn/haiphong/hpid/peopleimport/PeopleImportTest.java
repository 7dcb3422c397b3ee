package vn.haiphong.hpid.peopleimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.haiphong.hpid.TestDatabases;
import vn.haiphong.hpid.identity.IdentityResolver;
import vn.haiphong.hpid.identity.LegacyPersonalIdClaims;
import vn.haiphong.hpid.identity.LinkConflicts;
import vn.haiphong.hpid.identity.Resolution;
import vn.haiphong.hpid.identity.VerifiedIdentities;
import vn.haiphong.hpid.person.Person;
import vn.haiphong.hpid.person.PersonStore;
import vn.haiphong.hpid.spi.Gender;
import vn.haiphong.hpid.spi.IdentityKind;
import vn.haiphong.hpid.spi.LevelOfAssurance;
import vn.haiphong.hpid.spi.PersonalIdNumber;
import vn.haiphong.hpid.spi.VerifiedIdentity;
import vn.haiphong.hpid.spi.VietnameseName;

/** The import's decisions on a real database (H2 here; PostgreSQL in the black-box tests). */
class PeopleImportTest {

	private static final String REALM = "haiphong";

	private static final String HASH = BCrypt.hashpw("mật khẩu cũ", BCrypt.gensalt(4));

	private DataSource dataSource;

	private JdbcClient jdbc;

	private PersonStore people;

	@BeforeEach
	void setUp() {
		this.dataSource = TestDatabases.migrated(TestDatabases.h2());
		this.jdbc = JdbcClient.create(this.dataSource);
		this.people = new PersonStore(this.jdbc, Clock.systemUTC());
	}

	private String file() {
		return String.join("\n",
				"{\"legacy_id\":\"1\",\"email\":\"an@example.vn\",\"display_name\":\"An\",\"password_hash\":\"" + HASH
						+ "\",\"personal_id\":\"031085001234\"}",
				"{\"legacy_id\":\"2\",\"phone\":\"0912345678\",\"password_hash\":\"" + HASH + "\"}",
				"{\"legacy_id\":\"3\",\"email\":\"AN@example.vn\",\"password_hash\":\"" + HASH + "\"}",
				"{\"legacy_id\":\"1\",\"email\":\"other@example.vn\",\"password_hash\":\"" + HASH + "\"}",
				"{\"legacy_id\":\"5\",\"email\":\"taken@example.vn\",\"password_hash\":\"" + HASH + "\"}",
				"{\"legacy_id\":\"6\",\"email\":\"bad address\",\"password_hash\":\"" + HASH + "\"}",
				"not json",
				"{\"legacy_id\":\"8\",\"phone\":\"+84 912 345 679\",\"password_hash\":\"" + HASH + "\"}") + "\n";
	}

	@Test
	void importsTheGoodRecordsAndReportsEveryOtherOneWithItsLineAndReason() throws Exception {
		Person existing = this.people.create(REALM, Optional.of("taken@example.vn"), Optional.empty(), Optional.empty(),
				"$argon2id$irrelevant");
		Run run = run(file(), false, 3);

		assertThat(run.exitProblems).isTrue();
		JsonNode counts = run.report.get("counts");
		assertThat(counts.get("read").asInt()).isEqualTo(8);
		assertThat(counts.get("imported").asInt()).isEqualTo(3);
		assertThat(counts.get("skipped").asInt()).isEqualTo(5);
		assertThat(counts.get("duplicates").asInt()).isEqualTo(2);
		assertThat(counts.get("conflicts").asInt()).isEqualTo(1);
		assertThat(counts.get("invalid").asInt()).isEqualTo(2);
		assertThat(run.problems()).containsExactly("duplicate line 3 email first 1", "duplicate line 4 legacy_id first 1",
				"conflict line 5 email person " + existing.id(), "invalid line 6 email", "invalid line 7 -");

		Person an = this.people.findByLogin(REALM, "an@example.vn").orElseThrow();
		assertThat(an.passwordHash()).contains(HASH);
		assertThat(an.displayName()).contains("An");
		assertThat(this.people.findByLogin(REALM, "0912 345 678")).isPresent();
		assertThat(this.people.findByLogin(REALM, "0912345679")).isPresent();
		assertThat(this.jdbc.sql("select legacy_id from person where id = ?").param(an.id()).query(String.class).single())
			.isEqualTo("1");
		assertThat(this.jdbc.sql("select personal_id from unverified_personal_id where person_id = ?")
			.param(an.id())
			.query(String.class)
			.single()).isEqualTo("031085001234");
		assertThat(this.jdbc.sql("select count(*) from verified_identity").query(Long.class).single())
			.as("an imported number is never a verified identity").isZero();
	}

	@Test
	void aDryRunWritesNothingAndReportsTheSame() throws Exception {
		this.people.create(REALM, Optional.of("taken@example.vn"), Optional.empty(), Optional.empty(), "x");
		Run dry = run(file(), true, 3);
		assertThat(count("person")).isEqualTo(1);
		assertThat(count("unverified_personal_id")).isZero();

		Run real = run(file(), false, 3);
		assertThat(dry.report.get("dryRun").asBoolean()).isTrue();
		assertThat(real.report.get("dryRun").asBoolean()).isFalse();
		assertThat(dry.report.get("counts")).isEqualTo(real.report.get("counts"));
		assertThat(dry.report.get("problems")).isEqualTo(real.report.get("problems"));
	}

	@Test
	void runningTheSameFileAgainCreatesNoOneTwice() throws Exception {
		run(file(), false, 2);
		long people = count("person");
		Run again = run(file(), false, 2);
		assertThat(count("person")).isEqualTo(people);
		JsonNode counts = again.report.get("counts");
		assertThat(counts.get("imported").asInt()).isZero();
		assertThat(counts.get("alreadyImported").asInt()).as("lines 1, 2, 5 and 8").isEqualTo(4);
		assertThat(counts.get("duplicates").asInt()).as("lines 3 and 4, as the first time").isEqualTo(2);
	}

	@Test
	void aVneidSignInWithTheSameNumberDoesNotTakeOverTheImportedAccount() throws Exception {
		run(file(), false, 1000);
		Person imported = this.people.findByLogin(REALM, "an@example.vn").orElseThrow();
		IdentityResolver resolver = resolver();
		VerifiedIdentity vneid = vneid("031085001234");

		Resolution resolution = resolver.resolve(REALM, vneid, Optional.empty(), "ip");

		assertThat(resolution).isInstanceOf(Resolution.SignedIn.class);
		Resolution.SignedIn signedIn = (Resolution.SignedIn) resolution;
		assertThat(signedIn.outcome()).isEqualTo(Resolution.Outcome.CREATED);
		assertThat(signedIn.personId()).isNotEqualTo(imported.id());
		// The owner can still link it, by signing in with the imported password first.
		assertThat(resolver.resolve(REALM, vneid, Optional.of(imported.id()), "ip"))
			.isEqualTo(new Resolution.Refused(Resolution.Reason.BELONGS_TO_SOMEONE_ELSE));
	}

	@Test
	void linkingTheImportedAccountWithTheClaimedNumberConfirmsTheClaim() throws Exception {
		run(file(), false, 1000);
		Person imported = this.people.findByLogin(REALM, "an@example.vn").orElseThrow();
		LegacyPersonalIdClaims claims = new LegacyPersonalIdClaims(this.jdbc, Clock.systemUTC());
		assertThat(claims.findByPerson(REALM, imported.id()).orElseThrow().check())
			.isEqualTo(LegacyPersonalIdClaims.Check.UNCHECKED);

		Resolution resolution = resolver().resolve(REALM, vneid("031085001234"), Optional.of(imported.id()), "ip");

		assertThat(resolution).isEqualTo(new Resolution.SignedIn(imported.id(), Resolution.Outcome.LINKED,
				LegacyPersonalIdClaims.Check.CONFIRMED));
		LegacyPersonalIdClaims.Claim claim = claims.findByPerson(REALM, imported.id()).orElseThrow();
		assertThat(claim.check()).isEqualTo(LegacyPersonalIdClaims.Check.CONFIRMED);
		assertThat(claim.checkedAt()).isNotNull();
		assertThat(claim.personalId()).isEqualTo("031085001234");
	}

	@Test
	void linkingTheImportedAccountWithAnotherNumberMarksTheClaimMismatchedAndLinksTheVerifiedOne() throws Exception {
		run(file(), false, 1000);
		Person imported = this.people.findByLogin(REALM, "an@example.vn").orElseThrow();

		Resolution resolution = resolver().resolve(REALM, vneid("031085009999"), Optional.of(imported.id()), "ip");

		assertThat(resolution).isEqualTo(new Resolution.SignedIn(imported.id(), Resolution.Outcome.LINKED,
				LegacyPersonalIdClaims.Check.MISMATCHED));
		LegacyPersonalIdClaims claims = new LegacyPersonalIdClaims(this.jdbc, Clock.systemUTC());
		LegacyPersonalIdClaims.Claim claim = claims.findByPerson(REALM, imported.id()).orElseThrow();
		assertThat(claim.check()).isEqualTo(LegacyPersonalIdClaims.Check.MISMATCHED);
		assertThat(claim.personalId()).as("the claim is kept as it was imported").isEqualTo("031085001234");
		assertThat(new VerifiedIdentities(this.jdbc, Clock.systemUTC()).findByPerson(REALM, imported.id())
			.orElseThrow()
			.personalId()).as("the verified number is what counts").isEqualTo("031085009999");
		// The claimed number stays free: its real holder signs in as a new person.
		assertThat(claims.findByPersonalId(REALM, "031085001234", 10)).extracting(LegacyPersonalIdClaims.Claim::personId)
			.containsExactly(imported.id());
	}

	@Test
	void aLinkOfAnAccountWithoutClaimChecksNothing() throws Exception {
		run(file(), false, 1000);
		Person withoutClaim = this.people.findByLogin(REALM, "0912345678").orElseThrow();

		Resolution resolution = resolver().resolve(REALM, vneid("031085001234"), Optional.of(withoutClaim.id()), "ip");

		assertThat(resolution).isEqualTo(new Resolution.SignedIn(withoutClaim.id(), Resolution.Outcome.LINKED,
				LegacyPersonalIdClaims.Check.UNCHECKED));
		assertThat(this.jdbc.sql("select count(*) from unverified_personal_id where check_result is not null")
			.query(Long.class)
			.single()).isZero();
	}

	private IdentityResolver resolver() {
		return new IdentityResolver(new VerifiedIdentities(this.jdbc, Clock.systemUTC()),
				new LinkConflicts(this.jdbc, Clock.systemUTC()), this.people,
				new LegacyPersonalIdClaims(this.jdbc, Clock.systemUTC()),
				new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)));
	}

	private static VerifiedIdentity vneid(String number) {
		return VerifiedIdentity.builder(IdentityKind.CITIZEN, "vneid", number)
			.personalId(PersonalIdNumber.parse(number))
			.name(VietnameseName.parse("Nguyễn Văn An"))
			.birthDate(LocalDate.of(1985, 3, 15))
			.gender(Gender.MALE)
			.level(LevelOfAssurance.HIGH)
			.build();
	}

	private long count(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	private record Run(JsonNode report, boolean exitProblems) {

		java.util.List<String> problems() {
			java.util.List<String> lines = new java.util.ArrayList<>();
			for (JsonNode problem : this.report.get("problems")) {
				String kind = problem.get("kind").asString();
				String text = kind + " line " + problem.get("line").asInt() + " " + problem.get("field").asString();
				if (problem.has("firstLine")) {
					text += " first " + problem.get("firstLine").asInt();
				}
				if (problem.has("personId") && kind.equals("conflict")) {
					text += " person " + problem.get("personId").asString();
				}
				lines.add(text);
			}
			return lines;
		}

	}

	private Run run(String file, boolean dryRun, int batchSize) throws Exception {
		ByteArrayOutputStream json = new ByteArrayOutputStream();
		ByteArrayOutputStream console = new ByteArrayOutputStream();
		boolean problems;
		try (Connection connection = this.dataSource.getConnection();
				ImportReport report = new ImportReport(json, new PrintStream(console, true, StandardCharsets.UTF_8), REALM,
						"people.jsonl", "jsonl", dryRun)) {
			new PeopleImport(connection, REALM, "test", dryRun, batchSize, Clock.systemUTC(), report)
				.run(new JsonLinesReader(new StringReader(file), 64 * 1024));
			report.finish(dryRun, 1);
			problems = report.hasProblems();
		}
		return new Run(JsonMapper.builder().build().readTree(json.toString(StandardCharsets.UTF_8)), problems);
	}

}
