package dev.perks.lifecycle.status;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The background probe on a real event loop, with checks the test answers (or leaves silent). */
class PeriodicProbeTest {

    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static final Duration RETRY_INTERVAL = Duration.ofMillis(50);
    /** Long enough that no healthy-interval check runs while a test looks. */
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final Vertx vertx = Vertx.vertx();
    /** Failures reported while the dependency was up: what turns readiness DOWN. */
    private final AtomicInteger downTurns = new AtomicInteger();
    private final DependencyStatus status = new DependencyStatus("test-dependency", new SimpleMeterRegistry()) {
        @Override
        public void reportFailure(Throwable failure) {
            if (current().available()) {
                downTurns.incrementAndGet();
            }
            super.reportFailure(failure);
        }
    };

    @AfterEach
    void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /**
     * The stale-result race: a check begun while the server was silent times out after a later check
     * was answered. Applied in arrival order it would turn a recovered dependency DOWN again (seen
     * under CPU load as readiness flapping right after a black hole ended).
     */
    @Test
    void aCheckThatStartedEarlierCannotOverrideALaterAnswer() {
        CountDownLatch silentCheckEnded = new CountDownLatch(1);
        AtomicInteger checks = new AtomicInteger();
        Supplier<Uni<?>> check = () -> checks.incrementAndGet() == 1
                ? Uni.createFrom().emitter(silent -> silent.onTermination(silentCheckEnded::countDown))
                : Uni.createFrom().item("answered");
        PeriodicProbe probe = new PeriodicProbe(vertx, status, check, TIMEOUT, INTERVAL, RETRY_INTERVAL, () -> {
        });

        probe.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> status.current().available());
        await().atMost(Duration.ofSeconds(5)).until(() -> silentCheckEnded.getCount() == 0);

        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> status.current().available() && downTurns.get() == 0);
        probe.stop();
    }

    @Test
    void aSilentServerIsReportedAsATimeoutAndCheckedAgainSoon() {
        AtomicInteger checks = new AtomicInteger();
        Supplier<Uni<?>> check = () -> {
            checks.incrementAndGet();
            return Uni.createFrom().emitter(silent -> {
            });
        };
        PeriodicProbe probe = new PeriodicProbe(vertx, status, check, TIMEOUT, INTERVAL, RETRY_INTERVAL, () -> {
        });

        probe.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> status.current().knownUnavailable());
        assertEquals(FailureReason.TIMEOUT, status.current().reason());
        // Checks overlap while it is down (recovery is seen within a retry interval, not a timeout).
        await().atMost(Duration.ofSeconds(5)).until(() -> checks.get() >= 4);
        probe.stop();
    }

    /**
     * Issue 22: a black hole keeps each check waiting for its whole timeout. Once the server answers
     * again, the next check (started on the retry interval, not after the stuck ones) closes the
     * gate while the checks sent into the black hole are still pending: the order of events, not
     * a time bound, shows no check waited behind a stuck one.
     */
    @Test
    void aServerBackFromABlackHoleIsSeenWhileChecksSentIntoItStillHang() {
        Duration longTimeout = Duration.ofSeconds(30);
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger hanging = new AtomicInteger();
        AtomicBoolean healed = new AtomicBoolean();
        Supplier<Uni<?>> check = () -> {
            int number = checks.incrementAndGet();
            if (number == 1) {
                return Uni.createFrom().failure(new java.net.ConnectException("Connection refused")); // the outage begins
            }
            if (!healed.get()) {
                return Uni.createFrom().emitter(silent -> {
                    hanging.incrementAndGet();
                    silent.onTermination(hanging::decrementAndGet);
                });
            }
            return Uni.createFrom().item("answered");
        };
        PeriodicProbe probe = new PeriodicProbe(vertx, status, check, longTimeout, INTERVAL, RETRY_INTERVAL, () -> {
        });

        probe.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> status.current().knownUnavailable());
        // More silent checks than an earlier fixed cap (4) let run at once.
        await().atMost(Duration.ofSeconds(10)).until(() -> hanging.get() >= 5);
        healed.set(true);

        await().atMost(Duration.ofSeconds(10)).until(() -> status.current().available());
        assertTrue(hanging.get() >= 5, "the checks sent into the black hole were still waiting");
        probe.stop();
    }
}
