package dev.perks.cli;

import dev.perks.error.Redaction;
import dev.perks.lifecycle.config.DatabaseConfig;
import dev.perks.lifecycle.schema.Backoff;
import dev.perks.lifecycle.schema.JdbcTarget;
import dev.perks.lifecycle.schema.MigrationConfig;
import dev.perks.lifecycle.schema.Migrations;
import dev.perks.lifecycle.status.FailureClassifier;
import dev.perks.lifecycle.status.FailureReason;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.SmallRyeConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * {@code migrate}: applies the migrations this build ships and exits 0, or 1 with the readiness
 * reason of the last failure. An unavailable database is retried with backoff and jitter up to
 * {@code perks.migration.command-deadline} (120 s); a migration that fails on a database that
 * answers is not retried. For a Kubernetes Job or init container.
 */
final class MigrateCommand implements Command {

    @Override
    public int run(PrintStream out) {
        SmallRyeConfig smallRye;
        try {
            smallRye = CommandConfig.load();
        } catch (ConfigValidationException invalid) {
            out.println("migrate: FAIL (configuration: " + String.join("; ", ConfigurationCheck.problems(invalid)) + ")");
            return 1;
        }
        MigrationConfig migration = smallRye.getConfigMapping(MigrationConfig.class);
        Duration deadline = migration.commandDeadline();
        var worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "migrate");
            thread.setDaemon(true); // a hung connection must not keep the process past its deadline
            return thread;
        });
        Future<Integer> outcome = worker.submit(() -> migrate(smallRye, migration, deadline, out));
        try {
            return outcome.get(deadline.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            out.println("migrate: FAIL (timeout: no answer from the database within " + deadline.toSeconds() + " s)");
            return 1;
        } catch (ExecutionException | InterruptedException e) {
            out.println("migrate: FAIL (unknown: " + Redaction.describe(e) + ")");
            return 1;
        }
    }

    private static int migrate(SmallRyeConfig config, MigrationConfig migration, Duration deadline, PrintStream out)
            throws InterruptedException {
        Migrations migrations;
        JdbcTarget target;
        try {
            DatabaseConfig database = config.getConfigMapping(DatabaseConfig.class);
            target = JdbcTarget.forMigrations(config, database, migration);
            migrations = new Migrations(target, migration, database);
        } catch (RuntimeException e) {
            out.println("migrate: FAIL (unknown: " + Redaction.describe(e) + ")");
            return 1;
        }
        Backoff backoff = new Backoff(migration.initialBackoff(), migration.maxBackoff(), migration.jitter());
        long giveUpAt = System.nanoTime() + deadline.toNanos();
        for (int attempt = 1;; attempt++) {
            try {
                MigrateResult result = migrations.migrate();
                out.println("migrate: OK (" + describe(result) + Migrations.route(target) + ")");
                return 0;
            } catch (RuntimeException e) {
                FailureReason reason = FailureClassifier.reason(e);
                String detail = Redaction.describe(e);
                if (reason == FailureReason.UNKNOWN) {
                    out.println("migrate: FAIL (failed: " + detail + ")");
                    return 1; // the database answered and a migration broke: retrying will not mend it
                }
                Duration delay = backoff.delay(attempt);
                if (System.nanoTime() + delay.toNanos() >= giveUpAt) {
                    out.println("migrate: FAIL (" + reason.code() + ": " + detail + "; gave up after " + attempt
                            + " attempt(s) in " + deadline.toSeconds() + " s)");
                    return 1;
                }
                out.println("migrate: waiting (" + reason.code() + ": " + detail + "; attempt " + attempt + ", next in "
                        + delay.toMillis() + " ms)");
                Thread.sleep(delay.toMillis()); // a command's own retry loop, on its own thread
            }
        }
    }

    private static String describe(MigrateResult result) {
        String version = Migrations.version(result);
        if (result.migrationsExecuted == 0) {
            return "schema already at version " + version + ", nothing to apply";
        }
        return "applied " + result.migrations.stream()
                .map(applied -> (applied.version == null || applied.version.isEmpty() ? "R" : "V" + applied.version) + " "
                        + applied.description)
                .collect(Collectors.joining(", ")) + "; schema at version " + version;
    }
}
