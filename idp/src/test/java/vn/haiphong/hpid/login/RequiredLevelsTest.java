package vn.haiphong.hpid.login;

import java.io.StringReader;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmFileParser;
import vn.haiphong.hpid.spi.LevelOfAssurance;

import static org.assertj.core.api.Assertions.assertThat;

class RequiredLevelsTest {

	private static final String LEVEL1 = "urn:hpid:acr:vneid:level1";

	private static final String LEVEL2 = "urn:hpid:acr:vneid:level2";

	private final Realm realm = new RealmFileParser().parse("test.yaml", new StringReader("""
			realm: test
			displayName: { vi: Thử }
			clients:
			  - clientId: plain
			    type: public
			    redirectUris: [https://plain.example/cb]
			  - clientId: strict
			    type: public
			    redirectUris: [https://strict.example/cb]
			    minimumAcr: urn:hpid:acr:vneid:level2
			"""));

	@Test
	void aClientWithoutMinimumAndARequestWithoutAcrNeedNothing() {
		assertThat(RequiredLevels.of(this.realm, "plain", null, null)).isEmpty();
		assertThat(RequiredLevels.satisfied("urn:hpid:acr:local", Optional.empty())).isTrue();
	}

	@Test
	void theClientsMinimumAppliesWhateverTheRequestAsks() {
		assertThat(RequiredLevels.of(this.realm, "strict", LEVEL1, null)).contains(LevelOfAssurance.HIGH);
		assertThat(RequiredLevels.of(this.realm, "strict", "urn:hpid:acr:local", null)).contains(LevelOfAssurance.HIGH);
	}

	@Test
	void acrValuesAskForTheWeakestLevelTheyList() {
		assertThat(RequiredLevels.of(this.realm, "plain", LEVEL2, null)).contains(LevelOfAssurance.HIGH);
		assertThat(RequiredLevels.of(this.realm, "plain", LEVEL2 + " " + LEVEL1, null)).contains(LevelOfAssurance.LOW);
		assertThat(RequiredLevels.of(this.realm, "plain", LEVEL2 + " urn:hpid:acr:local", null)).isEmpty();
		assertThat(RequiredLevels.of(this.realm, "plain", "urn:other:loa3", null)).isEmpty();
	}

	@Test
	void theClaimsParameterCanAskForALevelToo() {
		assertThat(RequiredLevels.of(this.realm, "plain", null,
				"{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"" + LEVEL2 + "\"]}}}"))
			.contains(LevelOfAssurance.HIGH);
		assertThat(RequiredLevels.of(this.realm, "plain", null, "{\"id_token\":{\"acr\":{\"value\":\"" + LEVEL1 + "\"}}}"))
			.contains(LevelOfAssurance.LOW);
		assertThat(RequiredLevels.of(this.realm, "plain", null, "not json")).isEmpty();
	}

	@Test
	void aLocalSessionMeetsNoLevelAndAHigherOneMeetsALowerRequirement() {
		assertThat(RequiredLevels.satisfied("urn:hpid:acr:local", Optional.of(LevelOfAssurance.LOW))).isFalse();
		assertThat(RequiredLevels.satisfied(LEVEL2, Optional.of(LevelOfAssurance.LOW))).isTrue();
		assertThat(RequiredLevels.satisfied(LEVEL1, Optional.of(LevelOfAssurance.HIGH))).isFalse();
	}

}
