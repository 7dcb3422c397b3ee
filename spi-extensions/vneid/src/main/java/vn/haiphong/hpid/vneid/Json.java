package vn.haiphong.hpid.vneid;

import java.nio.charset.CharacterCodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.util.JSONObjectUtils;

import vn.haiphong.hpid.spi.FailureKind;

/** JSON at the edge: bytes that are not a UTF-8 JSON object are a malformed response, said once, here. */
final class Json {

    private Json() {
    }

    static Map<String, Object> object(byte[] body, String what) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new UpstreamFailure(FailureKind.MALFORMED_RESPONSE, what + " is not UTF-8 text");
        }
        try {
            return JSONObjectUtils.parse(text);
        } catch (ParseException | RuntimeException e) {
            throw new UpstreamFailure(FailureKind.MALFORMED_RESPONSE, what + " is not a JSON object");
        }
    }

    static String write(Map<String, ?> object) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) object;
        return JSONObjectUtils.toJSONString(map);
    }

    /**
     * A claim as text. Upstreams send numbers and strings for the same field (an
     * {@code accountLevel} of {@code 2} or {@code "2"}), so both are read; blank is absent.
     */
    static Optional<String> text(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value instanceof String s) {
            return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
        }
        if (value instanceof Number || value instanceof Boolean) {
            String s = value.toString();
            // JSON numbers may come back as 2.0 from some parsers; integral values read as integers.
            if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
                s = Long.toString(d.longValue());
            }
            return Optional.of(s);
        }
        return Optional.empty();
    }
}
