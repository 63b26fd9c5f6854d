package dev.perks.health;

import dev.perks.lifecycle.status.DatabaseStatus;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: does PostgreSQL answer, and if not, why (SPEC §1.4). */
@Readiness
@Singleton
public class DatabaseHealthCheck implements HealthCheck {

    private final DatabaseStatus status;

    DatabaseHealthCheck(DatabaseStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        return DependencyHealth.of("database", status.current()).build();
    }
}
