package dev.perks.lifecycle.guard;

import dev.perks.lifecycle.status.FailureClassifier;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When an attempt may be sent again, within the request's budget. A read, or a write a unique key
 * makes safe to repeat, is retried when its connection could not be used (refused, reset, closed
 * by a restart): the pool hands out a fresh one. Any other write is retried only when no
 * connection could be opened at all, so a statement whose commit outcome is unknown is never sent
 * twice.
 */
enum RetryRule {

    /** Reads and keyed writes. */
    WHEN_UNUSED("database-retry-unused"),
    /** Plain writes. */
    WHEN_UNSENT("database-retry-unsent");

    static final int MAX_RETRIES = 2;
    private static final Duration DELAY = Duration.ofMillis(20);
    private static final long JITTER_MILLIS = DELAY.toMillis() / 2;

    /** The name operators see on the retry counter. */
    final String metricName;

    RetryRule(String metricName) {
        this.metricName = metricName;
    }

    boolean allows(Throwable failure, int retriesSoFar) {
        if (retriesSoFar >= MAX_RETRIES) {
            return false;
        }
        return FailureClassifier.isConnectFailure(failure)
                || (this == WHEN_UNUSED && FailureClassifier.isClosedConnection(failure));
    }

    /** 20 ms ± 10 ms, so the retries of many requests hit by the same restart do not arrive together. */
    static long delayMillis() {
        return DELAY.toMillis() + ThreadLocalRandom.current().nextLong(-JITTER_MILLIS, JITTER_MILLIS + 1);
    }
}
