package vn.haiphong.hpid.broker;

import vn.haiphong.hpid.spi.FailureKind;

/**
 * Which page and status each upstream failure ends on. None is a 500: the upstream
 * failed, or the browser brought something we refuse, not hpid.
 */
enum FailurePages {

	TIMEOUT(504, "upstream-unavailable"), UNAVAILABLE(502, "upstream-unavailable"), INVALID(502, "upstream-invalid"),
	STATE(400, "upstream-state"), EXPIRED(400, "upstream-expired"), PERSONAL_ID(502, "upstream-personal-id"),
	LEVEL(403, "upstream-level"), CANCELLED(400, "upstream-cancelled");

	final int status;

	final String key;

	FailurePages(int status, String key) {
		this.status = status;
		this.key = key;
	}

	static FailurePages of(FailureKind kind) {
		return switch (kind) {
			case UPSTREAM_TIMEOUT -> TIMEOUT;
			case UPSTREAM_ERROR, CIRCUIT_OPEN -> UNAVAILABLE;
			case MALFORMED_RESPONSE, UNDECRYPTABLE -> INVALID;
			case STATE_MISMATCH -> STATE;
			case EXPIRED_TRANSACTION -> EXPIRED;
			case MISSING_PERSONAL_ID, INVALID_PERSONAL_ID -> PERSONAL_ID;
			case LEVEL_TOO_LOW -> LEVEL;
			case USER_CANCELLED -> CANCELLED;
		};
	}

}
