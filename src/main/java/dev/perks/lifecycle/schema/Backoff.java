package dev.perks.lifecycle.schema;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: the delay doubles from {@code initial} up to {@code max}, give or take {@code jitter}. */
public record Backoff(Duration initial, Duration max, double jitter) {

    /** Doubling stops here: 2^20 times the initial delay is past any sensible cap, and never overflows. */
    private static final int MAX_DOUBLINGS = 20;

    static Backoff of(MigrationConfig config) {
        return new Backoff(config.initialBackoff(), config.maxBackoff(), config.jitter());
    }

    /** The delay before attempt {@code attempt + 1}, after {@code attempt} failures (1 or more). */
    public Duration delay(int attempt) {
        double base = initial.toMillis() * Math.pow(2, Math.min(Math.max(attempt, 1) - 1, MAX_DOUBLINGS));
        double capped = Math.min(base, max.toMillis());
        double spread = capped * jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Duration.ofMillis(Math.max(1, Math.round(capped + spread)));
    }
}
