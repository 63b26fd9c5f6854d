package dev.perks.lifecycle.schema;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Background schema migration: locations and the retry schedule. */
@ConfigMapping(prefix = "perks.migration")
public interface MigrationConfig {

    /** Run migrations in the background when the service starts. */
    @WithDefault("true")
    boolean atStart();

    @WithDefault("classpath:db/migration")
    String locations();

    /**
     * {@code MIGRATION_DATABASE_URL}: where Flyway, {@code migrate} and {@code check}'s schema line
     * connect instead of the request path's database URL (same forms as {@code DATABASE_URL}), for a
     * direct or session-mode connection when requests go through a transaction pooler. Its own
     * credentials, or the datasource's when it has none.
     */
    Optional<String> databaseUrl();

    /** First delay between attempts; it doubles after each failure up to {@link #maxBackoff()}. */
    @WithDefault("250ms")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /** Random share (0..1) added to or removed from each delay so replicas do not retry in lockstep. */
    @WithDefault("0.2")
    double jitter();

    /** No limit by default: a long outage must never leave the schema unmigrated for good. */
    OptionalInt maxAttempts();

    /** How long the {@code migrate} command keeps retrying an unavailable database before it exits 1. */
    @WithDefault("120s")
    Duration commandDeadline();
}
