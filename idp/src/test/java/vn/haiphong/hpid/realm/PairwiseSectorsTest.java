package vn.haiphong.hpid.realm;

import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PairwiseSectorsTest {

	private final RealmFileParser parser = new RealmFileParser();

	@Test
	void aClientIsPublicUnlessItSaysPairwise() {
		Realm realm = parse("""
				  - clientId: portal
				    type: public
				    redirectUris: [https://dichvucong.haiphong.gov.vn/cb]
				  - clientId: portal-explicit
				    type: public
				    subjectType: public
				    redirectUris: [https://dichvucong.haiphong.gov.vn/cb2]
				""");
		assertThat(realm.client("portal").orElseThrow().pairwiseSector()).isEmpty();
		assertThat(realm.client("portal-explicit").orElseThrow().pairwiseSector()).isEmpty();
	}

	@Test
	void thePairwiseSectorIsTheHostAllRedirectUrisShare() {
		Realm realm = parse("""
				  - clientId: dulich
				    type: public
				    subjectType: pairwise
				    redirectUris: [https://dulich.haiphong.gov.vn/cb, https://DuLich.haiphong.gov.vn/app/cb]
				""");
		assertThat(realm.client("dulich").orElseThrow().pairwiseSector()).contains("dulich.haiphong.gov.vn");
	}

	@Test
	void aDeclaredSectorWinsAndMayJoinSeveralHosts() {
		Realm realm = parse("""
				  - clientId: dulich
				    type: public
				    subjectType: pairwise
				    sector: dulich.haiphong.gov.vn
				    redirectUris: [https://dulich.haiphong.gov.vn/cb, https://app.dulich.haiphong.gov.vn/cb,
				                   vn.gov.haiphong.dulich:/cb]
				""");
		assertThat(realm.client("dulich").orElseThrow().pairwiseSector()).contains("dulich.haiphong.gov.vn");
	}

	@Test
	void severalRedirectHostsWithoutASectorAreRefusedNamingTheHosts() {
		assertThat(errors("""
				  - clientId: dulich
				    type: public
				    subjectType: pairwise
				    redirectUris: [https://dulich.haiphong.gov.vn/cb, https://travel.example/cb]
				""")).containsExactly(new RealmFileError("test.yaml", "clients[0].sector", 4,
						"required for a pairwise client whose redirect URIs name several hosts "
								+ "(dulich.haiphong.gov.vn, travel.example); write the one sector they belong to"));
	}

	@Test
	void aPrivateUseSchemeWithoutASectorIsRefused() {
		assertThat(errors("""
				  - clientId: dulich
				    type: public
				    subjectType: pairwise
				    redirectUris: [vn.gov.haiphong.dulich:/cb]
				""")).extracting(RealmFileError::fieldPath, RealmFileError::line)
			.containsExactly(org.assertj.core.api.Assertions.tuple("clients[0].sector", 4));
	}

	@Test
	void anUnknownSubjectTypeIsRefusedOnItsLine() {
		assertThat(errors("""
				  - clientId: dulich
				    type: public
				    subjectType: private
				    redirectUris: [https://dulich.haiphong.gov.vn/cb]
				""")).containsExactly(
						new RealmFileError("test.yaml", "clients[0].subjectType", 6, "expected public or pairwise"));
	}

	@Test
	void aSectorWithoutPairwiseIsRefused() {
		assertThat(errors("""
				  - clientId: portal
				    type: public
				    sector: dichvucong.haiphong.gov.vn
				    redirectUris: [https://dichvucong.haiphong.gov.vn/cb]
				""")).containsExactly(new RealmFileError("test.yaml", "clients[0].sector", 6,
						"only used with subjectType: pairwise"));
	}

	@Test
	void aSectorIdentifierUriIsRefusedBecauseItIsNeverFetched() {
		assertThat(errors("""
				  - clientId: dulich
				    type: public
				    subjectType: pairwise
				    sector: https://dulich.haiphong.gov.vn/sector.json
				    redirectUris: [https://dulich.haiphong.gov.vn/cb]
				""")).containsExactly(new RealmFileError("test.yaml", "clients[0].sector", 7,
						"write the sector's host name, e.g. dulich.haiphong.gov.vn; "
								+ "hpid does not fetch sector identifier URIs"));
	}

	@Test
	void aSectorThatIsNotAHostNameIsRefused() {
		for (String sector : List.of("Dulich.haiphong.gov.vn", "du lich", "-dulich.vn", "dulich..vn")) {
			assertThat(errors("""
					  - clientId: dulich
					    type: public
					    subjectType: pairwise
					    sector: "%s"
					    redirectUris: [https://dulich.haiphong.gov.vn/cb]
					""".formatted(sector))).as(sector)
				.extracting(RealmFileError::fieldPath)
				.containsExactly("clients[0].sector");
		}
	}

	@Test
	void aClientCredentialsOnlyClientCannotBePairwise() {
		assertThat(errors("""
				  - clientId: service
				    type: confidential
				    secret: ${env:SERVICE_SECRET}
				    grantTypes: [client_credentials]
				    subjectType: pairwise
				    sector: service.haiphong.gov.vn
				""")).extracting(RealmFileError::fieldPath, RealmFileError::line)
			.containsExactly(org.assertj.core.api.Assertions.tuple("clients[0].subjectType", 8));
	}

	private Realm parse(String clients) {
		return this.parser.parse("test.yaml", new StringReader(realm(clients)));
	}

	private List<RealmFileError> errors(String clients) {
		RealmFileException failure = catchThrowableOfType(RealmFileException.class,
				() -> this.parser.parse("test.yaml", new StringReader(realm(clients))));
		assertThat(failure).as("a RealmFileException").isNotNull();
		return failure.errors();
	}

	/** A realm whose clients list starts on line 4. */
	private static String realm(String clients) {
		return """
				realm: test
				displayName: { vi: Thử }
				clients:
				""" + clients;
	}

}
