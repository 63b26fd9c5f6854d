package dev.perks.lifecycle.guard;

import static dev.perks.error.ServiceUnavailableException.RETRY_AFTER;

import dev.perks.error.ServiceUnavailableException;
import dev.perks.lifecycle.status.FailureClassifier;
import dev.perks.lifecycle.status.FailureReason;
import java.util.Optional;

/**
 * Which failures of the request's database work become 503 (with {@code Retry-After}), and with
 * which reason. Everything else (a constraint the service handles, a 404 thrown by the work) passes
 * through unchanged.
 */
final class Unavailable {

    private Unavailable() {
    }

    /** The database (not this statement, not the pool) failed: unreachable, refusing connections, silent, or dropped us. */
    static boolean isOutage(Throwable failure) {
        if (failure instanceof DeadlineExceeded) {
            return true;
        }
        if (FailureClassifier.isPoolOverload(failure) || FailureClassifier.statementRefusal(failure).isPresent()) {
            return false;
        }
        return FailureClassifier.isConnectFailure(failure) || FailureClassifier.isClosedConnection(failure)
                || FailureClassifier.reason(failure) != FailureReason.UNKNOWN;
    }

    /** The failure as the client should see it: a 503 when the database is why, otherwise itself. */
    static Throwable toAnswer(Throwable failure) {
        if (failure instanceof ServiceUnavailableException) {
            return failure;
        }
        if (failure instanceof CommitOutcome.Unknown) {
            return new ServiceUnavailableException("commit-unknown", "The database stopped answering while this change was"
                    + " being committed, and it could not be told whether it was applied. Check before sending it again.",
                    RETRY_AFTER);
        }
        if (failure instanceof DeadlineExceeded) {
            return new ServiceUnavailableException(FailureReason.TIMEOUT.code(), "The database did not answer in time.",
                    RETRY_AFTER);
        }
        if (FailureClassifier.isPoolOverload(failure)) {
            return new ServiceUnavailableException("overloaded", "Too many requests are waiting for the database.",
                    RETRY_AFTER);
        }
        Optional<String> refusal = FailureClassifier.statementRefusal(failure);
        if (refusal.isPresent()) {
            return new ServiceUnavailableException(refusal.get(),
                    "The database could not complete this request in time; nothing was changed. Try again.", RETRY_AFTER);
        }
        if (isOutage(failure)) {
            return new ServiceUnavailableException(FailureClassifier.reason(failure).code(), "The database is unavailable.",
                    RETRY_AFTER);
        }
        return failure;
    }

    /** The request's budget ran out; cheap (no stack trace): it is expected during an outage. */
    static final class DeadlineExceeded extends java.util.concurrent.TimeoutException {
        DeadlineExceeded(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
