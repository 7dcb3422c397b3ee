package vn.haiphong.hpid.spi;

import java.util.Objects;

/** The outcome of {@link UpstreamIdentityProvider#finish}: connectors report failures as values, never as exceptions. */
public sealed interface SignInResult {

    record Verified(VerifiedIdentity identity) implements SignInResult {
        public Verified {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /**
     * @param detail a sentence for logs and support; never holds a personal ID number, a code or a token
     */
    record Failed(FailureKind kind, String detail) implements SignInResult {
        public Failed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
