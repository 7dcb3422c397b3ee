package vn.haiphong.hpid.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallbackRequestTest {

    @Test
    void keepsPlusSignsLiterallyBecauseBase64CodesContainThem() {
        CallbackRequest callback = new CallbackRequest("code=ab+cd/ef==&state=s1");

        assertThat(callback.parameter("code")).contains("ab+cd/ef==");
        assertThat(callback.parameter("state")).contains("s1");
    }

    @Test
    void decodesPercentEscapes() {
        CallbackRequest callback = new CallbackRequest("code=ab%2Bcd%3D%3D&name=H%E1%BA%A3i");

        assertThat(callback.parameter("code")).contains("ab+cd==");
        assertThat(callback.parameter("name")).contains("Hải");
    }

    @Test
    void absentOrBrokenParametersAreEmpty() {
        CallbackRequest callback = new CallbackRequest("code=%zz&flag");

        assertThat(callback.parameter("code")).isEmpty();
        assertThat(callback.parameter("state")).isEmpty();
        assertThat(callback.parameter("flag")).contains("");
        assertThat(new CallbackRequest(null).parameter("code")).isEmpty();
    }

    @Test
    void toStringDoesNotRevealTheCode() {
        assertThat(new CallbackRequest("code=secret").toString()).doesNotContain("secret");
    }
}
