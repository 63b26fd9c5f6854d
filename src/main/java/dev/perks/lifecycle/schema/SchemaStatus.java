package dev.perks.lifecycle.schema;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/** The migrator's progress, read by readiness, the request path and metrics. */
@Singleton
public class SchemaStatus {

    /** One consistent picture: readers never see a version from one attempt and a state from another. */
    public record Snapshot(SchemaState state, String version, int attempts, String detail) {
    }

    private volatile Snapshot snapshot = new Snapshot(SchemaState.PENDING, null, 0, "not attempted yet");

    SchemaStatus(MeterRegistry registry) {
        Gauge.builder("perks.schema.ready", this, s -> s.isReady() ? 1 : 0)
                .description("1 when the schema is migrated, 0 otherwise").register(registry);
        Gauge.builder("perks.schema.migration.attempts", this, s -> s.current().attempts())
                .description("Migration attempts made so far").register(registry);
    }

    public Snapshot current() {
        return snapshot;
    }

    public boolean isReady() {
        return snapshot.state() == SchemaState.READY;
    }

    void update(SchemaState state, String version, int attempts, String detail) {
        snapshot = new Snapshot(state, version, attempts, detail);
    }
}
