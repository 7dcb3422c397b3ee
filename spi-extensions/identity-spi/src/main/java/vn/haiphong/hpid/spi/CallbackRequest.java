package vn.haiphong.hpid.spi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The browser's return to our callback, as the RAW query string. Servlet containers
 * form-decode '+' into a space, which corrupts the base64 authorization codes VNeID
 * sends; so connectors read parameters here, where only %XX escapes are decoded.
 *
 * @param rawQuery the query string exactly as received, without the leading '?'; may be empty
 */
public record CallbackRequest(String rawQuery) {

    public CallbackRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
    }

    /**
     * The first value of a parameter, percent-decoded as UTF-8 with '+' kept literally.
     * Empty when absent or when its escapes are broken (a broken escape is not a value to guess at).
     */
    public Optional<String> parameter(String name) {
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (percentDecode(key).filter(name::equals).isPresent()) {
                return eq < 0 ? Optional.of("") : percentDecode(pair.substring(eq + 1));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return Optional.of(s);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '%') {
                out.write(bytes[i]);
                continue;
            }
            if (i + 2 >= bytes.length) {
                return Optional.empty();
            }
            int hi = Character.digit(bytes[i + 1], 16);
            int lo = Character.digit(bytes[i + 2], 16);
            if (hi < 0 || lo < 0) {
                return Optional.empty();
            }
            out.write(hi * 16 + lo);
            i += 2;
        }
        return Optional.of(out.toString(StandardCharsets.UTF_8));
    }

    /** The query carries the authorization code: never log it. */
    @Override
    public String toString() {
        return "CallbackRequest[" + rawQuery.length() + " chars]";
    }
}
