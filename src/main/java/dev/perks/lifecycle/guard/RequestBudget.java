package dev.perks.lifecycle.guard;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One request's database time: a single deadline that every attempt and every retry of the request
 * shares, and the server-side {@code statement_timeout} a write transaction gets from what is left
 * of it, so PostgreSQL cancels a statement before the client is told 503. COMMIT is not in this
 * budget: see {@link CommitOutcome}.
 */
final class RequestBudget {

    /** Time for PostgreSQL's cancellation of a statement to reach us before the request's own deadline. */
    static final Duration STATEMENT_MARGIN = Duration.ofMillis(150);
    private static final Duration MIN_STATEMENT_BUDGET = Duration.ofMillis(50);

    private final long deadlineNanos;

    private RequestBudget(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    static RequestBudget startingNow(Duration budget) {
        return new RequestBudget(System.nanoTime() + budget.toNanos());
    }

    long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }

    /** Milliseconds the attempt's timer may wait, at least 1 while anything is left; 0 when spent. */
    long remainingMillis() {
        long nanos = remainingNanos();
        return nanos <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos));
    }

    /**
     * The statement timeout for a transaction starting now (once its connection is in hand, so the
     * wait for it counts), or -1 when too little is left to send anything at all.
     */
    long statementTimeoutMillis() {
        long millis = TimeUnit.NANOSECONDS.toMillis(remainingNanos()) - STATEMENT_MARGIN.toMillis();
        return millis < MIN_STATEMENT_BUDGET.toMillis() ? -1 : millis;
    }
}
