package dev.perks.lifecycle.schema;

import dev.perks.error.Redaction;
import dev.perks.lifecycle.config.DatabaseConfig;
import dev.perks.lifecycle.status.DatabaseStatus.DatabaseAvailable;
import dev.perks.lifecycle.status.FailureClassifier;
import dev.perks.lifecycle.status.FailureReason;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * Brings the schema to what this build ships after start-up, on its own thread (JDBC blocks),
 * retrying with exponential backoff and jitter until it succeeds. Readiness stays DOWN until then.
 * A schema that is already current (a restart, another replica) is recognised with one query over
 * the reactive pool ({@link SchemaVerifier}), without loading the JDBC driver or Flyway; anything
 * else is Flyway's.
 *
 * <p>Flyway takes a PostgreSQL advisory lock, so replicas starting together against an empty
 * database apply each migration exactly once. When the probe sees the database come back, a
 * waiting retry runs at once instead of sleeping out its backoff.
 */
@Singleton
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);

    private final MigrationConfig config;
    private final DatabaseConfig databaseConfig;
    private final SchemaStatus status;
    private final Config rawConfig;
    private final Event<SchemaReady> readyEvent;
    private final Event<SchemaAwaited> awaitedEvent;
    private final Backoff backoff;
    private final SchemaVerifier verifier;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "schema-migrator");
        thread.setDaemon(true);
        return thread;
    });

    private Migrations migrations; // built on the migrator thread on first use; configuration does not change
    private boolean warmedUp;
    private ScheduledFuture<?> nextAttempt;
    private int attempts;
    private FailureReason lastReason;

    SchemaMigrator(MigrationConfig config, DatabaseConfig databaseConfig, SchemaStatus status, Config rawConfig,
            Event<SchemaReady> readyEvent, Event<SchemaAwaited> awaitedEvent, SchemaVerifier verifier) {
        this.verifier = verifier;
        this.config = config;
        this.databaseConfig = databaseConfig;
        this.status = status;
        this.rawConfig = rawConfig;
        this.readyEvent = readyEvent;
        this.awaitedEvent = awaitedEvent;
        this.backoff = Backoff.of(config);
    }

    void start(@Observes StartupEvent event) {
        if (config.atStart()) {
            scheduleAttempt(Duration.ZERO);
        }
    }

    void retryNow(@Observes DatabaseAvailable event) {
        synchronized (this) {
            // Only a retry that is still waiting out its backoff is brought forward; a running
            // attempt (cancel(false) would "succeed" on it too) is left alone.
            if (nextAttempt != null && nextAttempt.getDelay(TimeUnit.MILLISECONDS) > 0 && nextAttempt.cancel(false)) {
                scheduleAttempt(Duration.ZERO);
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    private synchronized void scheduleAttempt(Duration delay) {
        if (!executor.isShutdown()) {
            nextAttempt = executor.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void attempt() {
        if (status.isReady()) {
            return; // a ready schema is never re-migrated nor reported as migrating again
        }
        attempts++;
        SchemaStatus.Snapshot previous = status.current();
        status.update(SchemaState.MIGRATING, previous.version(), attempts, null);
        try {
            long started = System.nanoTime();
            Optional<String> flywayWork = flywayWork();
            if (flywayWork.isEmpty()) {
                becomeReady(ShippedSchema.VERSION, SchemaStatus.ReadyPath.VERIFIED);
                LOG.infof("Schema current at version %s, verified over the reactive pool without Flyway in %d ms (attempt %d)",
                        ShippedSchema.VERSION, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), attempts);
            } else {
                awaitedEvent.fire(new SchemaAwaited());
                migrateOnce(flywayWork.get());
            }
            lastReason = null;
        } catch (RuntimeException e) {
            awaitedEvent.fire(new SchemaAwaited());
            FailureReason reason = FailureClassifier.reason(e);
            // Database not reachable yet: still pending. Reachable but the migration broke: failed.
            SchemaState state = reason == FailureReason.UNKNOWN ? SchemaState.FAILED : SchemaState.PENDING;
            String detail = (reason == FailureReason.UNKNOWN ? "" : reason.code() + ": ") + Redaction.describe(e);
            SchemaStatus.Snapshot now = status.current();
            status.update(state, now.version(), attempts, detail);
            if (reason != lastReason) {
                LOG.warnf("Schema migration %s: %s (retrying with backoff)", state.code(), detail);
                lastReason = reason;
            }
            if (config.maxAttempts().isPresent() && attempts >= config.maxAttempts().getAsInt()) {
                LOG.errorf("Schema migration gave up after %d attempts", attempts);
                return;
            }
            scheduleAttempt(backoff.delay(attempts));
            warmUpWhileAway(reason);
        }
    }

    /**
     * Once, after an attempt found the database away: Flyway's database-free work, on this thread
     * ahead of the retry (a retry due meanwhile runs right after it). Then, once the database
     * answers, mostly the SQL itself is left to run (1.5 s from an empty database, SPEC 1.5).
     */
    private void warmUpWhileAway(FailureReason reason) {
        if (!warmedUp && migrations != null && reason != FailureReason.UNKNOWN) {
            warmedUp = true;
            synchronized (this) {
                if (!executor.isShutdown()) {
                    executor.execute(migrations::warmUp);
                }
            }
        }
    }

    /**
     * Empty when one query over the pool shows the schema current; otherwise what Flyway is to do.
     * When the pool cannot tell (the database is away, or migrations reach it another way, such as
     * MIGRATION_DATABASE_URL past a pooler), Flyway decides, as it always did.
     */
    private Optional<String> flywayWork() {
        if (!ShippedSchema.LOCATION.equals(config.locations())) {
            return Optional.of("migrations from " + config.locations());
        }
        try {
            return verifier.whyNotCurrent().await().atMost(databaseConfig.requestTimeout());
        } catch (RuntimeException e) {
            return Optional.of("the schema history could not be read over the pool ("
                    + FailureClassifier.reason(e).code() + ")");
        }
    }

    private void migrateOnce(String why) {
        if (migrations == null) {
            JdbcTarget target = JdbcTarget.forMigrations(rawConfig, databaseConfig, config);
            if (target.throughTransactionPooler()) {
                LOG.warn("Schema migrations" + Migrations.route(target));
            }
            migrations = new Migrations(target, config, databaseConfig);
        }
        long started = System.nanoTime();
        MigrateResult result = migrations.migrate();
        // After a successful migrate() the schema is at the newest version this build ships.
        String version = Migrations.version(result);
        becomeReady(version, SchemaStatus.ReadyPath.MIGRATED);
        LOG.infof("Schema ready at version %s through Flyway, because %s (%d migration(s) applied in %d ms, attempt %d)",
                version, why, result.migrationsExecuted, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), attempts);
    }

    /**
     * Data that must exist before traffic (the bootstrap admin) is written by observers first, on
     * this thread; if they fail, the whole attempt is retried and readiness stays DOWN.
     */
    private void becomeReady(String version, SchemaStatus.ReadyPath path) {
        readyEvent.fire(new SchemaReady(version));
        status.ready(version, attempts, path);
    }

    /**
     * Fired on the migrator thread when the schema is not ready at once (the database is away, or
     * Flyway has work): time to prepare what {@link SchemaReady}'s observers need, off this thread.
     */
    public record SchemaAwaited() {
    }

    /** Fired on the migrator thread once the schema is current, before readiness turns UP; observers may block. */
    public record SchemaReady(String version) {
    }
}
