package dev.perks.lifecycle.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the service meets Redis, a soft dependency by default. */
@ConfigMapping(prefix = "perks.redis")
public interface RedisConfig {

    /** When true, a Redis outage makes the service unready (it is never needed to serve reads). */
    @WithDefault("false")
    boolean required();

    @WithDefault("2s")
    Duration probeInterval();

    @WithDefault("500ms")
    Duration probeRetryInterval();

    @WithDefault("1s")
    Duration probeTimeout();
}
