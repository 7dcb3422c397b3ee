package vn.haiphong.hpid.spi;

import java.util.Objects;

/**
 * Thrown by {@link UpstreamIdentityProvider#start} when the connector must talk to the
 * upstream before it can redirect (OIDC discovery) and cannot. The caller shows the same
 * page as for a {@link SignInResult.Failed} of this {@link #kind()}.
 */
public final class SignInUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final FailureKind kind;

    public SignInUnavailableException(FailureKind kind, String detail) {
        super(detail);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public FailureKind kind() {
        return kind;
    }
}
