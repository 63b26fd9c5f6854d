package dev.perks.lifecycle.schema;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Migration retries back off exponentially with jitter, up to a cap, so replicas never retry in lockstep. */
class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30), 0.2);

    @Test
    void doublesFromTheInitialDelayWithinTheJitter() {
        for (int attempt = 1; attempt <= 6; attempt++) {
            long base = 250L << (attempt - 1);
            for (int sample = 0; sample < 50; sample++) {
                long millis = backoff.delay(attempt).toMillis();
                assertTrue(millis >= base * 0.8 - 1 && millis <= base * 1.2 + 1, attempt + ": " + millis);
            }
        }
    }

    @Test
    void isCappedAndNeverOverflowsHoweverLongTheOutage() {
        for (int attempt : new int[] { 20, 100, 10_000, Integer.MAX_VALUE }) {
            long millis = backoff.delay(attempt).toMillis();
            assertTrue(millis >= 24_000 && millis <= 36_000, attempt + ": " + millis);
        }
    }

    @Test
    void spreadsReplicasApart() {
        long distinct = java.util.stream.IntStream.range(0, 20).mapToLong(i -> backoff.delay(5).toMillis()).distinct().count();
        assertTrue(distinct > 5, "jitter gives replicas different delays");
    }
}
