package vn.haiphong.hpid.oidc;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import vn.haiphong.hpid.security.MasterKey;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectIdentifiersTest {

	private static byte[] key(int fill) {
		byte[] key = new byte[32];
		Arrays.fill(key, (byte) fill);
		return key;
	}

	private final SubjectIdentifiers subjects = new SubjectIdentifiers(new MasterKey(key(7)));

	@Test
	void aPairwiseSubjectIsStableForTheSameKeySectorAndPerson() {
		SubjectIdentifiers anotherNode = new SubjectIdentifiers(new MasterKey(key(7)));
		assertThat(anotherNode.pairwise("haiphong", "dulich.haiphong.gov.vn", "person-1"))
			.isEqualTo(this.subjects.pairwise("haiphong", "dulich.haiphong.gov.vn", "person-1"));
	}

	@Test
	void aPairwiseSubjectDiffersBySectorPersonRealmAndKey() {
		String base = this.subjects.pairwise("haiphong", "dulich.haiphong.gov.vn", "person-1");
		assertThat(base).isNotEqualTo(this.subjects.pairwise("haiphong", "suckhoe.haiphong.gov.vn", "person-1"))
			.isNotEqualTo(this.subjects.pairwise("haiphong", "dulich.haiphong.gov.vn", "person-2"))
			.isNotEqualTo(this.subjects.pairwise("staff", "dulich.haiphong.gov.vn", "person-1"))
			.isNotEqualTo(new SubjectIdentifiers(new MasterKey(key(8))).pairwise("haiphong", "dulich.haiphong.gov.vn",
					"person-1"));
		// The separator keeps "a" + "bc" apart from "ab" + "c".
		assertThat(this.subjects.pairwise("haiphong", "a.vn", "bc"))
			.isNotEqualTo(this.subjects.pairwise("haiphong", "a.vnb", "c"));
	}

	@Test
	void aPairwiseSubjectIsBase64UrlOf256BitsAndDoesNotContainThePersonId() {
		String subject = this.subjects.pairwise("haiphong", "dulich.haiphong.gov.vn", "person-1");
		assertThat(subject).matches("[A-Za-z0-9_-]{43}").doesNotContain("person-1");
	}

}
