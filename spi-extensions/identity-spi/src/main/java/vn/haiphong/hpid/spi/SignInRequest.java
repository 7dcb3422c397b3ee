package vn.haiphong.hpid.spi;

import java.net.URI;
import java.util.Objects;

/**
 * What the caller asks of an upstream sign-in.
 *
 * @param callbackUri    our redirect URI registered at the upstream, where the browser comes back
 * @param requestedLevel the lowest level the resulting identity must have
 */
public record SignInRequest(URI callbackUri, LevelOfAssurance requestedLevel) {
    public SignInRequest {
        Objects.requireNonNull(callbackUri, "callbackUri");
        Objects.requireNonNull(requestedLevel, "requestedLevel");
        if (!callbackUri.isAbsolute()) {
            throw new IllegalArgumentException("callbackUri must be absolute");
        }
    }
}
