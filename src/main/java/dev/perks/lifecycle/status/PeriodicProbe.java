package dev.perks.lifecycle.status;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Checks a dependency in the background on the event loop, without blocking, and feeds its
 * {@link DependencyStatus}: every {@code interval} while it answers, every {@code retryInterval}
 * while it does not. Each check is bounded by {@code timeout}. While the dependency is down a new
 * check starts every retry interval even if earlier ones still wait on a silent server, so recovery
 * is seen within about one retry interval rather than one timeout. The cap on checks in flight
 * covers one timeout's worth of retry intervals (so a stuck check never holds the next one back),
 * and a black-holed server never piles checks up beyond it. A check that ends never pushes the
 * next one later: the timer keeps its pace whatever the answers. {@link #checkNow()} brings a check
 * forward when the request path suspects an outage. Health checks only read the status.
 *
 * <p>Because checks overlap, their results are applied in the order the checks started: a check
 * begun during an outage that times out after a later check was answered is stale and ignored,
 * or it would turn a recovered dependency DOWN again.
 */
final class PeriodicProbe {

    /** Bounds the checks in flight however short the retry interval is configured. */
    private static final int MAX_CHECKS_IN_FLIGHT = 16;

    private final Vertx vertx;
    private final DependencyStatus status;
    private final Supplier<Uni<?>> check;
    private final Duration timeout;
    private final Duration interval;
    private final Duration retryInterval;
    private final Runnable onSuccess;
    private final int maxInFlightWhileDown;
    private int inFlight; // guarded by this
    private long lastStarted; // guarded by this: sequence number of the newest check started
    private long lastApplied; // guarded by this: sequence number of the newest check whose result was applied
    private long timerId = -1; // guarded by this
    private long timerDueNanos; // guarded by this
    private boolean stopped; // guarded by this

    PeriodicProbe(Vertx vertx, DependencyStatus status, Supplier<Uni<?>> check, Duration timeout, Duration interval,
            Duration retryInterval, Runnable onSuccess) {
        this.vertx = vertx;
        this.status = status;
        this.check = check;
        this.timeout = timeout;
        this.interval = interval;
        this.retryInterval = retryInterval;
        this.onSuccess = onSuccess;
        long overlapping = timeout.toNanos() / Math.max(1, retryInterval.toNanos()) + 1;
        this.maxInFlightWhileDown = (int) Math.min(MAX_CHECKS_IN_FLIGHT, Math.max(2, overlapping + 1));
    }

    void start() {
        checkNow();
    }

    synchronized void stop() {
        stopped = true;
        cancelTimer();
    }

    /** Starts a check at once unless one is already running. */
    void checkNow() {
        synchronized (this) {
            if (stopped || inFlight > 0) {
                return;
            }
            inFlight++;
            schedule(retryInterval);
        }
        vertx.runOnContext(ignored -> probe(nextSequence()));
    }

    private void tick() {
        synchronized (this) {
            timerId = -1;
            if (stopped) {
                return;
            }
            boolean available = status.current().available();
            schedule(available ? interval : retryInterval);
            if (inFlight >= (available ? 1 : maxInFlightWhileDown)) {
                return;
            }
            inFlight++;
        }
        probe(nextSequence());
    }

    private synchronized long nextSequence() {
        return ++lastStarted;
    }

    private void probe(long sequence) {
        Uni.createFrom().deferred(check)
                .ifNoItem().after(timeout).fail()
                .subscribe().with(
                        ok -> {
                            try {
                                if (isNewest(sequence)) {
                                    status.reportSuccess();
                                    onSuccess.run();
                                }
                            } finally {
                                finished(false);
                            }
                        },
                        failure -> {
                            boolean applied = isNewest(sequence);
                            try {
                                if (applied) {
                                    status.reportFailure(failure);
                                }
                            } finally {
                                finished(applied);
                            }
                        });
    }

    /** True, and remembered, if no check started after this one has reported yet. */
    private synchronized boolean isNewest(long sequence) {
        if (sequence < lastApplied) {
            return false;
        }
        lastApplied = sequence;
        return true;
    }

    private synchronized void finished(boolean failed) {
        inFlight--;
        if (failed && !stopped) {
            scheduleNoLaterThan(retryInterval); // just found down: look again soon, not after the healthy interval
        }
    }

    /** Brings the next check forward to {@code delay} from now, never later than it already is. */
    private void scheduleNoLaterThan(Duration delay) {
        if (timerId < 0 || timerDueNanos - System.nanoTime() > delay.toNanos()) {
            schedule(delay);
        }
    }

    private void schedule(Duration delay) {
        cancelTimer();
        long delayMillis = Math.max(1, delay.toMillis());
        timerDueNanos = System.nanoTime() + delayMillis * 1_000_000L;
        timerId = vertx.setTimer(delayMillis, id -> tick());
    }

    private void cancelTimer() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }
}
