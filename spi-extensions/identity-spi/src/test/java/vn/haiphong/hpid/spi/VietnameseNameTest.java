package vn.haiphong.hpid.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VietnameseNameTest {

    @Test
    void firstWordIsFamilyLastWordIsGivenTheRestIsMiddle() {
        VietnameseName name = VietnameseName.parse("Nguyễn Thị Minh Khai");

        assertThat(name.familyName()).contains("Nguyễn");
        assertThat(name.middleName()).contains("Thị Minh");
        assertThat(name.givenName()).isEqualTo("Khai");
        assertThat(name.fullName()).isEqualTo("Nguyễn Thị Minh Khai");
    }

    @Test
    void twoWordNameHasNoMiddleName() {
        VietnameseName name = VietnameseName.parse("Lê Lợi");

        assertThat(name.familyName()).contains("Lê");
        assertThat(name.middleName()).isEmpty();
        assertThat(name.givenName()).isEqualTo("Lợi");
    }

    @Test
    void singleWordNameIsAGivenNameOnly() {
        VietnameseName name = VietnameseName.parse("Hùng");

        assertThat(name.familyName()).isEmpty();
        assertThat(name.middleName()).isEmpty();
        assertThat(name.givenName()).isEqualTo("Hùng");
    }

    @Test
    void collapsesSurroundingAndRepeatedWhitespace() {
        VietnameseName name = VietnameseName.parse("  Trần   Văn\tAn ");

        assertThat(name.fullName()).isEqualTo("Trần Văn An");
        assertThat(name.middleName()).contains("Văn");
    }

    @Test
    void rejectsBlankName() {
        assertThatThrownBy(() -> VietnameseName.parse(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VietnameseName.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringDoesNotRevealTheName() {
        assertThat(VietnameseName.parse("Nguyễn Văn An").toString()).doesNotContain("Nguyễn");
    }
}
