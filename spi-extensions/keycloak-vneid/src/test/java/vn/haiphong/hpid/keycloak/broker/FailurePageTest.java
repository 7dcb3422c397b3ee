package vn.haiphong.hpid.keycloak.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import vn.haiphong.hpid.spi.FailureKind;

class FailurePageTest {

    @ParameterizedTest
    @EnumSource(FailureKind.class)
    void everyFailureHasAMessageInVietnameseAndEnglish(FailureKind kind) throws IOException {
        for (String lang : new String[] {"vi", "en"}) {
            assertThat(messages(lang).getProperty(FailurePage.messageKey(kind))).as(kind + " in " + lang).isNotBlank();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vneidPersonalIdAlreadyLinked", "vneidPersonalIdAmbiguous", "vneidUsernameTaken"})
    void everyLinkingRefusalHasAMessageInVietnameseAndEnglish(String key) throws IOException {
        assertThat(messages("vi").getProperty(key)).isNotBlank();
        assertThat(messages("en").getProperty(key)).isNotBlank();
    }

    private static Properties messages(String lang) throws IOException {
        Properties p = new Properties();
        try (InputStream in = FailurePageTest.class.getResourceAsStream("/theme-resources/messages/messages_" + lang + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
