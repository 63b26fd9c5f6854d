package dev.perks.health;

import dev.perks.lifecycle.config.RedisConfig;
import dev.perks.lifecycle.status.RedisStatus;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import io.smallrye.health.api.Wellness;

/**
 * Redis state in {@code /q/health/well}. Redis is soft by default, so it is not part of readiness
 * unless {@code perks.redis.required=true} ({@link RedisReadinessCheck}).
 */
@Wellness
@Singleton
public class RedisHealthCheck implements HealthCheck {

    private final RedisStatus status;
    private final RedisConfig config;

    RedisHealthCheck(RedisStatus status, RedisConfig config) {
        this.status = status;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return DependencyHealth.of("redis", status.current()).withData("required", config.required()).build();
    }
}
