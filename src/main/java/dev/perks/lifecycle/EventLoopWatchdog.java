package dev.perks.lifecycle;

import io.netty.util.concurrent.EventExecutor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Notices a stalled event loop, the one process-level failure liveness should report: every event
 * loop stamps a heartbeat each {@link #HEARTBEAT}; liveness reads the oldest stamp.
 */
@Singleton
public class EventLoopWatchdog {

    static final Duration HEARTBEAT = Duration.ofMillis(500);

    private final Vertx vertx;
    private final List<AtomicLong> lastBeats = new ArrayList<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();

    EventLoopWatchdog(Vertx vertx) {
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        for (EventExecutor loop : vertx.nettyEventLoopGroup()) {
            AtomicLong lastBeat = new AtomicLong(System.nanoTime());
            lastBeats.add(lastBeat);
            timers.add(loop.scheduleAtFixedRate(() -> lastBeat.set(System.nanoTime()), HEARTBEAT.toMillis(),
                    HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        timers.forEach(timer -> timer.cancel(false));
    }

    /** How long the least responsive event loop has gone without running its heartbeat. */
    public Duration longestStall() {
        long now = System.nanoTime();
        long oldest = lastBeats.stream().mapToLong(AtomicLong::get).map(beat -> now - beat).max().orElse(0);
        return Duration.ofNanos(Math.max(0, oldest - HEARTBEAT.toNanos()));
    }

    public int eventLoops() {
        return lastBeats.size();
    }
}
