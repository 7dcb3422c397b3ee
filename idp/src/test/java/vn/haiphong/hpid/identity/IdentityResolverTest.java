package vn.haiphong.hpid.identity;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.haiphong.hpid.TestDatabases;
import vn.haiphong.hpid.person.Person;
import vn.haiphong.hpid.person.PersonStore;
import vn.haiphong.hpid.spi.Gender;
import vn.haiphong.hpid.spi.IdentityKind;
import vn.haiphong.hpid.spi.LevelOfAssurance;
import vn.haiphong.hpid.spi.PersonalIdNumber;
import vn.haiphong.hpid.spi.VerifiedIdentity;
import vn.haiphong.hpid.spi.VietnameseName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The identity resolution rules, one test each (see {@link IdentityResolver}). */
class IdentityResolverTest {

	private static final String REALM = "haiphong";

	private JdbcClient jdbc;

	private PersonStore people;

	private VerifiedIdentities identities;

	private LinkConflicts conflicts;

	private IdentityResolver resolver;

	@BeforeEach
	void setUp() {
		DataSource dataSource = TestDatabases.migrated(TestDatabases.h2());
		this.jdbc = JdbcClient.create(dataSource);
		Clock clock = Clock.systemUTC();
		this.people = new PersonStore(this.jdbc, clock);
		this.identities = new VerifiedIdentities(this.jdbc, clock);
		this.conflicts = new LinkConflicts(this.jdbc, clock);
		this.resolver = new IdentityResolver(this.identities, this.conflicts, this.people,
				new LegacyPersonalIdClaims(this.jdbc, clock), new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
	}

	@Test
	void aLinkedPersonalIdNumberAlwaysGivesTheSamePerson() {
		String first = signedIn(this.resolver.resolve(REALM, hai(LevelOfAssurance.HIGH), Optional.empty(), "ip"));
		Resolution again = this.resolver.resolve(REALM, hai(LevelOfAssurance.HIGH), Optional.empty(), "ip");
		assertThat(again).isEqualTo(new Resolution.SignedIn(first, Resolution.Outcome.EXISTING));
	}

	@Test
	void anUnknownPersonalIdNumberCreatesANewVerifiedPerson() {
		Resolution resolution = this.resolver.resolve(REALM, hai(LevelOfAssurance.HIGH), Optional.empty(), "ip");
		assertThat(resolution).isInstanceOf(Resolution.SignedIn.class);
		assertThat(((Resolution.SignedIn) resolution).outcome()).isEqualTo(Resolution.Outcome.CREATED);
		String id = signedIn(resolution);
		Person person = this.people.findById(REALM, id).orElseThrow();
		assertThat(person.passwordHash()).isEmpty();
		assertThat(person.email()).isEmpty();
		VerifiedPerson verified = this.identities.findByPerson(REALM, id).orElseThrow();
		assertThat(verified.personalId()).isEqualTo("031085001234");
		assertThat(verified.familyName()).contains("Nguyễn");
		assertThat(verified.middleName()).contains("Văn");
		assertThat(verified.givenName()).contains("Hải");
		assertThat(verified.birthdate()).contains(LocalDate.of(1985, 3, 15));
		assertThat(verified.gender()).contains("male");
		assertThat(verified.level()).isEqualTo(LevelOfAssurance.HIGH);
	}

	@Test
	void theOwnerOfALocalAccountLinksItAndKeepsItsSub() {
		Person local = localAccount("hai@example.vn");
		Resolution resolution = this.resolver.resolve(REALM, hai(LevelOfAssurance.HIGH), Optional.of(local.id()), "ip");
		assertThat(resolution).isEqualTo(new Resolution.SignedIn(local.id(), Resolution.Outcome.LINKED));
		assertThat(this.identities.findByPerson(REALM, local.id())).isPresent();
		// Afterwards a plain VNeID sign-in gives the local account's sub.
		assertThat(this.resolver.resolve(REALM, hai(LevelOfAssurance.HIGH), Optional.empty(), "ip"))
			.isEqualTo(new Resolution.SignedIn(local.id(), Resolution.Outcome.EXISTING));
	}

	@Test
	void nothingIsEverLinkedByEmailPhoneOrNameEvenWhenTheyMatchExactly() {
		Person lookalike = this.people.create(REALM, Optional.of("hai@example.vn"), Optional.of("+84912345678"),
				Optional.of("Nguyễn Văn Hải"), "$argon2id$v=19$m=7168,t=5,p=1$c2FsdA$aGFzaA");
		String id = signedIn(this.resolver.resolve(REALM, hai(LevelOfAssurance.HIGH), Optional.empty(), "ip"));
		assertThat(id).isNotEqualTo(lookalike.id());
		assertThat(this.identities.findByPerson(REALM, lookalike.id())).isEmpty();
	}

	@Test
	void aPersonalIdNumberOfSomeoneElseIsNeverLinkedAndTheAttemptIsRecorded() {
		String victim = signedIn(this.resolver.resolve(REALM, hai(LevelOfAssurance.HIGH), Optional.empty(), "ip"));
		Person attacker = localAccount("attacker@example.vn");
		Resolution resolution = this.resolver.resolve(REALM, hai(LevelOfAssurance.HIGH), Optional.of(attacker.id()),
				"203.0.113.9");
		assertThat(resolution).isEqualTo(new Resolution.Refused(Resolution.Reason.BELONGS_TO_SOMEONE_ELSE));
		assertThat(this.identities.findByPerson(REALM, attacker.id())).isEmpty();
		assertThat(this.identities.findByPersonalId(REALM, PersonalIdNumber.parse("031085001234")).orElseThrow()
			.personId()).isEqualTo(victim);
		assertThat(this.conflicts.openCount(REALM)).isEqualTo(1);
	}

	@Test
	void theDatabaseRefusesASecondPersonWithTheSamePersonalIdNumber() {
		signedIn(this.resolver.resolve(REALM, hai(LevelOfAssurance.HIGH), Optional.empty(), "ip"));
		Person other = localAccount("other@example.vn");
		assertThatThrownBy(() -> this.identities.link(REALM, other.id(), hai(LevelOfAssurance.HIGH)))
			.isInstanceOf(VerifiedIdentities.AlreadyLinkedException.class);
	}

	@Test
	void aVerifiedAccountIsNotLinkedToASecondIdentity() {
		Person local = localAccount("hai@example.vn");
		this.resolver.resolve(REALM, hai(LevelOfAssurance.HIGH), Optional.of(local.id()), "ip");
		Resolution second = this.resolver.resolve(REALM, lan(), Optional.of(local.id()), "ip");
		assertThat(second).isEqualTo(new Resolution.Refused(Resolution.Reason.ACCOUNT_ALREADY_VERIFIED));
	}

	@Test
	void verifiedAttributesAreRefreshedFromTheUpstreamAtEverySignIn() {
		String id = signedIn(this.resolver.resolve(REALM, hai(LevelOfAssurance.LOW), Optional.empty(), "ip"));
		VerifiedIdentity renamed = VerifiedIdentity.builder(IdentityKind.CITIZEN, "vneid", "031085001234")
			.personalId(PersonalIdNumber.parse("031085001234"))
			.name(VietnameseName.parse("Nguyễn Văn Hải Đăng"))
			.birthDate(LocalDate.of(1985, 3, 15))
			.gender(Gender.MALE)
			.level(LevelOfAssurance.HIGH)
			.build();
		this.resolver.resolve(REALM, renamed, Optional.empty(), "ip");
		VerifiedPerson verified = this.identities.findByPerson(REALM, id).orElseThrow();
		assertThat(verified.fullName()).contains("Nguyễn Văn Hải Đăng");
		assertThat(verified.middleName()).contains("Văn Hải");
		assertThat(verified.level()).isEqualTo(LevelOfAssurance.HIGH);
	}

	@Test
	void anIdentityWithoutPersonalIdNumberIsRefused() {
		VerifiedIdentity organisation = VerifiedIdentity.builder(IdentityKind.ORGANISATION, "dvcqg", "TECH-1")
			.organisationId("TECH-1")
			.build();
		assertThat(this.resolver.resolve(REALM, organisation, Optional.empty(), "ip"))
			.isEqualTo(new Resolution.Refused(Resolution.Reason.NO_PERSONAL_ID));
	}

	@Test
	void unlinkingKeepsTheSubAndANewLinkNeedsANewSignIn() {
		Person local = localAccount("hai@example.vn");
		this.resolver.resolve(REALM, hai(LevelOfAssurance.HIGH), Optional.of(local.id()), "ip");
		assertThat(this.resolver.unlink(REALM, local.id())).isTrue();
		assertThat(this.people.findById(REALM, local.id())).isPresent();
		assertThat(this.identities.findByPerson(REALM, local.id())).isEmpty();
		// Nothing remembers the old link: a plain sign-in now makes a new person.
		Resolution plain = this.resolver.resolve(REALM, hai(LevelOfAssurance.HIGH), Optional.empty(), "ip");
		assertThat(((Resolution.SignedIn) plain).outcome()).isEqualTo(Resolution.Outcome.CREATED);
		assertThat(signedIn(plain)).isNotEqualTo(local.id());
	}

	@Test
	void personalIdNumbersAreSeparatePerRealm() {
		String here = signedIn(this.resolver.resolve(REALM, hai(LevelOfAssurance.HIGH), Optional.empty(), "ip"));
		String there = signedIn(this.resolver.resolve("staff", hai(LevelOfAssurance.HIGH), Optional.empty(), "ip"));
		assertThat(there).isNotEqualTo(here);
	}

	private Person localAccount(String email) {
		return this.people.create(REALM, Optional.of(email), Optional.empty(), Optional.of("Local"),
				"$argon2id$v=19$m=7168,t=5,p=1$c2FsdA$aGFzaA");
	}

	private static String signedIn(Resolution resolution) {
		assertThat(resolution).isInstanceOf(Resolution.SignedIn.class);
		return ((Resolution.SignedIn) resolution).personId();
	}

	private static VerifiedIdentity hai(LevelOfAssurance level) {
		return VerifiedIdentity.builder(IdentityKind.CITIZEN, "vneid", "031085001234")
			.personalId(PersonalIdNumber.parse("031085001234"))
			.name(VietnameseName.parse("Nguyễn Văn Hải"))
			.birthDate(LocalDate.of(1985, 3, 15))
			.gender(Gender.MALE)
			.level(level)
			.build();
	}

	private static VerifiedIdentity lan() {
		return VerifiedIdentity.builder(IdentityKind.CITIZEN, "vneid", "031195004567")
			.personalId(PersonalIdNumber.parse("031195004567"))
			.name(VietnameseName.parse("Trần Thị Lan"))
			.level(LevelOfAssurance.LOW)
			.build();
	}

}
