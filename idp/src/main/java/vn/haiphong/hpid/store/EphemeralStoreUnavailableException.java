package vn.haiphong.hpid.store;

/** The ephemeral store cannot be reached; sign-ins fail closed with a "temporarily unavailable" page. */
public class EphemeralStoreUnavailableException extends RuntimeException {

	public EphemeralStoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
