package vn.haiphong.hpid.account;

/**
 * Too many password hashes are waiting: the node is saturated with sign-ins. Answered
 * as "temporarily unavailable" (503, Retry-After), like a store outage, never as a wrong
 * password.
 */
public final class PasswordHashingBusyException extends RuntimeException {

	public PasswordHashingBusyException() {
		super("Too many password hashes in progress; retry later", null, false, false);
	}

}
