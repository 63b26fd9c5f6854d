package dev.perks.health;

import dev.perks.lifecycle.schema.SchemaStatus;
import dev.perks.lifecycle.schema.ShippedSchema;
import jakarta.inject.Singleton;
import java.util.Objects;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: is the schema migrated to the version this build expects (SPEC §1.4). */
@Readiness
@Singleton
public class SchemaHealthCheck implements HealthCheck {

    private static final String UNKNOWN = "unknown";

    private final SchemaStatus status;

    SchemaHealthCheck(SchemaStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        SchemaStatus.Snapshot snapshot = status.current();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("schema")
                .status(status.isReady())
                .withData("state", snapshot.state().code())
                .withData("version", Objects.requireNonNullElse(snapshot.version(), UNKNOWN))
                .withData("expected", ShippedSchema.VERSION)
                .withData("attempts", snapshot.attempts());
        if (snapshot.detail() != null) {
            builder.withData("detail", snapshot.detail());
        }
        return builder.build();
    }
}
