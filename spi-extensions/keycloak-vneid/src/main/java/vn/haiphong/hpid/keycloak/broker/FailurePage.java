package vn.haiphong.hpid.keycloak.broker;

import vn.haiphong.hpid.spi.FailureKind;

/** Which message (theme-resources/messages) the citizen reads for each way a VNeID sign-in fails. */
public final class FailurePage {

    private FailurePage() {
    }

    public static String messageKey(FailureKind kind) {
        return switch (kind) {
            case UPSTREAM_TIMEOUT, CIRCUIT_OPEN -> "vneidUnavailable";
            case UPSTREAM_ERROR -> "vneidUpstreamError";
            case MALFORMED_RESPONSE, UNDECRYPTABLE -> "vneidUnreadableAnswer";
            case STATE_MISMATCH, EXPIRED_TRANSACTION -> "vneidSignInExpired";
            case MISSING_PERSONAL_ID, INVALID_PERSONAL_ID -> "vneidNoPersonalId";
            case LEVEL_TOO_LOW -> "vneidLevelTooLow";
            case USER_CANCELLED -> "vneidCancelled";
        };
    }
}
