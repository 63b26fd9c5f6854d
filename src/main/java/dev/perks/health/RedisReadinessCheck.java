package dev.perks.health;

import dev.perks.lifecycle.status.RedisStatus;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Redis in readiness, only when an operator made it a hard dependency: application.properties
 * enables this check with {@code perks.redis.required}.
 */
@Readiness
@Singleton
public class RedisReadinessCheck implements HealthCheck {

    private final RedisStatus status;

    RedisReadinessCheck(RedisStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        return DependencyHealth.of("redis", status.current()).withData("required", true).build();
    }
}
