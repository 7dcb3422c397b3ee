package vn.haiphong.hpid.vneid;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import vn.haiphong.hpid.spi.CallbackRequest;
import vn.haiphong.hpid.spi.FailureKind;
import vn.haiphong.hpid.spi.IdentityEvent;
import vn.haiphong.hpid.spi.IdentityEventListener;
import vn.haiphong.hpid.spi.SignInResult;
import vn.haiphong.hpid.spi.Transaction;
import vn.haiphong.hpid.spi.VerifiedIdentity;

/**
 * The checks every authorization-code callback goes through before and after the
 * connector-specific exchange, in this order: transaction belongs to this provider and is
 * fresh; the upstream did not report an error; the state matches; a code is present; then
 * the exchange; then the level. Also the single place where nothing may escape as an exception.
 */
final class SignInFlow {

    /** Longest OAuth error code echoed into a detail; the rest is the upstream's free text and is dropped. */
    private static final int MAX_ERROR_CODE = 64;

    private final String alias;
    private final Duration transactionTtl;
    private final Clock clock;
    private final IdentityEventListener events;

    SignInFlow(String alias, Duration transactionTtl, Clock clock, IdentityEventListener events) {
        this.alias = alias;
        this.transactionTtl = transactionTtl;
        this.clock = clock;
        this.events = events;
    }

    void started() {
        emit(IdentityEvent.Type.SIGN_IN_STARTED, Optional.empty(), "redirected to " + alias);
    }

    SignInResult finish(Transaction transaction, CallbackRequest callback, Function<String, VerifiedIdentity> exchange) {
        SignInResult result;
        try {
            result = new SignInResult.Verified(checkLevel(transaction, exchange.apply(checkedCode(transaction, callback))));
        } catch (UpstreamFailure failure) {
            result = failure.toResult();
        } catch (RuntimeException unexpected) {
            // A bug or an upstream shape no check foresaw; the class name is safe to show, the message may not be.
            result = new SignInResult.Failed(FailureKind.MALFORMED_RESPONSE,
                    alias + " sign-in failed unexpectedly: " + unexpected.getClass().getSimpleName());
        }
        if (result instanceof SignInResult.Verified verified) {
            emit(IdentityEvent.Type.SIGN_IN_SUCCEEDED, Optional.of(verified.identity().kind()),
                    "verified at level " + verified.identity().level().decreeLevel());
        } else if (result instanceof SignInResult.Failed failed) {
            emit(IdentityEvent.Type.SIGN_IN_FAILED, Optional.empty(), failed.kind() + ": " + failed.detail());
        }
        return result;
    }

    private String checkedCode(Transaction transaction, CallbackRequest callback) {
        if (transaction == null || callback == null) {
            throw new UpstreamFailure(FailureKind.STATE_MISMATCH, "no stored transaction for this callback");
        }
        if (!alias.equals(transaction.providerAlias())) {
            throw new UpstreamFailure(FailureKind.STATE_MISMATCH,
                    "transaction belongs to provider " + transaction.providerAlias() + ", not " + alias);
        }
        if (clock.instant().isAfter(transaction.createdAt().plus(transactionTtl))) {
            throw new UpstreamFailure(FailureKind.EXPIRED_TRANSACTION,
                    "sign-in took longer than " + transactionTtl.toMinutes() + " minutes");
        }
        Optional<String> error = callback.parameter("error");
        if (error.isPresent()) {
            String code = safeErrorCode(error.get());
            FailureKind kind = code.equals("access_denied") || code.equals("login_required")
                    || code.equals("consent_required") || code.equals("user_cancelled")
                    ? FailureKind.USER_CANCELLED : FailureKind.UPSTREAM_ERROR;
            throw new UpstreamFailure(kind, alias + " returned error '" + code + "'");
        }
        if (!Secrets.sameSecret(transaction.state(), callback.parameter("state").orElse(null))) {
            throw new UpstreamFailure(FailureKind.STATE_MISMATCH, "callback state does not match the transaction");
        }
        return callback.parameter("code").filter(c -> !c.isBlank())
                .orElseThrow(() -> new UpstreamFailure(FailureKind.MALFORMED_RESPONSE, "callback carries no code"));
    }

    private VerifiedIdentity checkLevel(Transaction transaction, VerifiedIdentity identity) {
        if (!identity.level().satisfies(transaction.requestedLevel())) {
            throw new UpstreamFailure(FailureKind.LEVEL_TOO_LOW, "account is level " + identity.level().decreeLevel()
                    + ", sign-in requires level " + transaction.requestedLevel().decreeLevel());
        }
        return identity;
    }

    /** OAuth error codes are ASCII tokens; anything else is not echoed, so no injected text reaches the logs. */
    private static String safeErrorCode(String raw) {
        String code = raw.strip().toLowerCase(Locale.ROOT);
        if (code.isEmpty() || code.length() > MAX_ERROR_CODE || !code.matches("[a-z0-9_.\\-]+")) {
            return "unrecognised";
        }
        return code;
    }

    private void emit(IdentityEvent.Type type, Optional<vn.haiphong.hpid.spi.IdentityKind> kind, String detail) {
        try {
            events.onEvent(new IdentityEvent(type, alias, clock.instant(), kind, detail));
        } catch (RuntimeException listenerFailure) {
            // An audit sink that fails must not turn a good sign-in into an error page; the sink reports itself.
        }
    }
}
