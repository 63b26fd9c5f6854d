package dev.perks.lifecycle.status;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Checks a dependency in the background on the event loop, without blocking, and feeds its
 * {@link DependencyStatus}: often while it is unavailable, rarely while it answers. The next check
 * is scheduled only when the previous one has finished, so a black-holed server never piles
 * checks up. Health checks read the status and never wait on the dependency themselves.
 */
final class PeriodicProbe {

    private final Vertx vertx;
    private final DependencyStatus status;
    private final Supplier<Uni<?>> check;
    private final Duration timeout;
    private final Duration interval;
    private final Duration retryInterval;
    private volatile boolean stopped;

    PeriodicProbe(Vertx vertx, DependencyStatus status, Supplier<Uni<?>> check, Duration timeout, Duration interval,
            Duration retryInterval) {
        this.vertx = vertx;
        this.status = status;
        this.check = check;
        this.timeout = timeout;
        this.interval = interval;
        this.retryInterval = retryInterval;
    }

    void start() {
        vertx.runOnContext(ignored -> probe());
    }

    void stop() {
        stopped = true;
    }

    private void probe() {
        if (stopped) {
            return;
        }
        Uni.createFrom().deferred(check)
                .ifNoItem().after(timeout).fail()
                .subscribe().with(
                        ok -> {
                            status.reportSuccess();
                            scheduleNext();
                        },
                        failure -> {
                            status.reportFailure(failure);
                            scheduleNext();
                        });
    }

    private void scheduleNext() {
        if (!stopped) {
            Duration delay = status.current().available() ? interval : retryInterval;
            vertx.setTimer(Math.max(1, delay.toMillis()), id -> probe());
        }
    }
}
