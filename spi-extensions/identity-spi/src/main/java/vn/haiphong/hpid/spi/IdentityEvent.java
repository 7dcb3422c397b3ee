package vn.haiphong.hpid.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened during an upstream sign-in, for the audit log and metrics.
 *
 * @param kind   the kind of identity, once known
 * @param detail a safe sentence: no personal ID numbers, codes or tokens
 */
public record IdentityEvent(Type type, String provider, Instant time, Optional<IdentityKind> kind, String detail) {

    public enum Type {
        SIGN_IN_STARTED,
        SIGN_IN_SUCCEEDED,
        SIGN_IN_FAILED
    }

    public IdentityEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
