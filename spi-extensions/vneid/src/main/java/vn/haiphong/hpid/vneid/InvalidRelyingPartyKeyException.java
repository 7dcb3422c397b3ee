package vn.haiphong.hpid.vneid;

/** The relying party's key file cannot be used; the message says why without echoing key material. */
public final class InvalidRelyingPartyKeyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidRelyingPartyKeyException(String message) {
        super(message);
    }

    public InvalidRelyingPartyKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
