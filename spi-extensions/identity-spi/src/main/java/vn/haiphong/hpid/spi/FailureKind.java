package vn.haiphong.hpid.spi;

/** Why an upstream sign-in did not produce a verified identity; each maps to its own page and audit entry. */
public enum FailureKind {
    /** The upstream did not answer within the configured connect or read timeout. */
    UPSTREAM_TIMEOUT,
    /** The upstream answered with an error status or an OAuth error. */
    UPSTREAM_ERROR,
    /** The upstream answered something that is not the documented shape, or a token we refuse. */
    MALFORMED_RESPONSE,
    /** An encrypted envelope could not be opened with our key. */
    UNDECRYPTABLE,
    /** The callback does not belong to the transaction: forged or replayed. */
    STATE_MISMATCH,
    /** The user took longer than the transaction's lifetime. */
    EXPIRED_TRANSACTION,
    /** The upstream did not send a personal ID number for a citizen. */
    MISSING_PERSONAL_ID,
    /** The upstream sent a personal ID number that is not well formed. */
    INVALID_PERSONAL_ID,
    /** The account's level is below what the sign-in asked for. */
    LEVEL_TOO_LOW,
    /** The user declined or cancelled at the upstream. */
    USER_CANCELLED,
    /** Recent calls failed so often that the connector stopped calling the upstream for a while. */
    CIRCUIT_OPEN
}
