package dev.perks.health;

import dev.perks.lifecycle.EventLoopWatchdog;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness depends on this process only, never on PostgreSQL or Redis: an outage must not make
 * Kubernetes restart every pod. It goes DOWN when an event loop has stalled beyond a threshold.
 */
@Liveness
@Singleton
public class EventLoopHealthCheck implements HealthCheck {

    private final EventLoopWatchdog watchdog;
    private final LivenessConfig config;

    EventLoopHealthCheck(EventLoopWatchdog watchdog, LivenessConfig config) {
        this.watchdog = watchdog;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        Duration stall = watchdog.longestStall();
        return HealthCheckResponse.named("event-loop")
                .status(stall.compareTo(config.maxEventLoopStall()) <= 0)
                .withData("event-loops", watchdog.eventLoops())
                .withData("longest-stall-ms", stall.toMillis())
                .withData("threshold-ms", config.maxEventLoopStall().toMillis())
                .build();
    }

    @ConfigMapping(prefix = "perks.liveness")
    public interface LivenessConfig {
        /** An event loop silent for longer than this makes the process unhealthy. */
        @WithDefault("10s")
        Duration maxEventLoopStall();
    }
}
