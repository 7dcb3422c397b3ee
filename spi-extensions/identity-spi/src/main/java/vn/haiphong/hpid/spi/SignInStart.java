package vn.haiphong.hpid.spi;

import java.net.URI;
import java.util.Objects;

/**
 * @param redirectUri where to send the browser (the upstream's authorization endpoint)
 * @param transaction what the caller must store until the callback arrives
 */
public record SignInStart(URI redirectUri, Transaction transaction) {
    public SignInStart {
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(transaction, "transaction");
    }
}
