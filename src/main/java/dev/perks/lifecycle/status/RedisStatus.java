package dev.perks.lifecycle.status;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/** Does Redis answer? A soft dependency unless {@code perks.redis.required=true}. */
@Singleton
public class RedisStatus extends DependencyStatus {

    RedisStatus(MeterRegistry registry) {
        super("redis", registry);
    }
}
