package dev.perks.lifecycle.schema;

import dev.perks.lifecycle.config.OwnedGauges;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/** The migrator's progress, read by readiness, the request path and metrics. */
@Singleton
public class SchemaStatus {

    /** One consistent picture: readers never see a version from one attempt and a state from another. */
    public record Snapshot(SchemaState state, String version, int attempts, String detail) {
    }

    /** How the schema became ready: the metric tells operators (and tests) whether Flyway had to run. */
    public enum ReadyPath {
        /** Found current with one query over the reactive pool; Flyway was never loaded. */
        VERIFIED,
        /** Flyway applied or validated the migrations. */
        MIGRATED;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private volatile Snapshot snapshot = new Snapshot(SchemaState.PENDING, null, 0, "not attempted yet");
    private volatile ReadyPath readyPath;

    private final OwnedGauges gauges;

    SchemaStatus(MeterRegistry registry) {
        gauges = new OwnedGauges(registry)
                .add("perks.schema.ready", "1 when the schema is migrated, 0 otherwise", Tags.empty(), () -> isReady() ? 1 : 0)
                .add("perks.schema.migration.attempts", "Migration attempts made so far", Tags.empty(),
                        () -> current().attempts())
                .add("perks.schema.version", "The applied schema version (0 before the first migration)", Tags.empty(),
                        () -> numeric(current().version()))
                .add("perks.schema.expected.version", "The schema version this build ships", Tags.empty(),
                        () -> numeric(ShippedSchema.VERSION));
        for (ReadyPath path : ReadyPath.values()) {
            gauges.add("perks.schema.ready.path", "1 for the way the schema became ready: verified (no Flyway) or migrated",
                    Tags.of("path", path.code()), () -> readyPath == path ? 1 : 0);
        }
        for (SchemaState state : SchemaState.values()) {
            gauges.add("perks.schema.state", "1 for the state the schema is in now", Tags.of("state", state.code()),
                    () -> current().state() == state ? 1 : 0);
        }
    }

    @PreDestroy
    void removeGauges() {
        gauges.removeAll();
    }

    private static double numeric(String version) {
        try {
            return version == null ? 0 : Double.parseDouble(version);
        } catch (NumberFormatException e) {
            return Double.NaN; // a dotted version such as 1.2.3 has no single number
        }
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

    void ready(String version, int attempts, ReadyPath path) {
        readyPath = path;
        update(SchemaState.READY, version, attempts, null);
    }
}
