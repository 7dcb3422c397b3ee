package vn.haiphong.hpid.spi;

/**
 * A string that is not a valid 12-digit personal identification number. The message
 * never repeats the rejected input: it may be a real person's number and end in a log.
 */
public final class InvalidPersonalIdNumberException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Why the input was rejected, for callers that react differently to each case. */
    public enum Reason {
        MISSING,
        WRONG_LENGTH,
        NOT_DIGITS,
        BIRTH_YEAR_IN_FUTURE
    }

    private final Reason reason;

    public InvalidPersonalIdNumberException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
