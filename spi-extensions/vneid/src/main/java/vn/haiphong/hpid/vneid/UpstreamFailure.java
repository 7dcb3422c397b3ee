package vn.haiphong.hpid.vneid;

import vn.haiphong.hpid.spi.FailureKind;
import vn.haiphong.hpid.spi.SignInResult;

/**
 * Internal control flow of the connectors: thrown deep in a call, caught once by
 * {@link SignInFlow} and turned into a {@link SignInResult.Failed}. It never leaves the package.
 */
final class UpstreamFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final FailureKind kind;

    UpstreamFailure(FailureKind kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
    }

    FailureKind kind() {
        return kind;
    }

    SignInResult.Failed toResult() {
        return new SignInResult.Failed(kind, getMessage());
    }
}
