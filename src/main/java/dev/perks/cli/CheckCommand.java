package dev.perks.cli;

import dev.perks.error.Redaction;
import dev.perks.lifecycle.config.DatabaseConfig;
import dev.perks.lifecycle.config.RedisConfig;
import dev.perks.lifecycle.config.RedisUrl;
import dev.perks.lifecycle.schema.JdbcTarget;
import dev.perks.lifecycle.schema.MigrationConfig;
import dev.perks.lifecycle.schema.Migrations;
import dev.perks.lifecycle.schema.ShippedSchema;
import dev.perks.lifecycle.status.FailureClassifier;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.SmallRyeConfig;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code check}: a pre-flight an operator (or an init container) runs before the service. It
 * prints exactly one line per item, in this order, each bounded in time so the whole command ends
 * within 15 s whatever the dependencies do:
 * <pre>
 * configuration: OK
 * database: FAIL (unreachable: Connection refused)
 * schema: FAIL (unknown: no database)
 * redis: WARN (unreachable; optional)
 * </pre>
 * A failing {@code database} line starts its detail with the readiness reason. Exit 0 when no item
 * is {@code FAIL}, 1 otherwise. No stack trace and no secret is printed.
 */
final class CheckCommand implements Command {

    private static final Duration DATABASE_BUDGET = Duration.ofSeconds(5);
    private static final Duration SCHEMA_BUDGET = Duration.ofSeconds(5);
    private static final Duration REDIS_BUDGET = Duration.ofSeconds(3);

    private final ExecutorService worker = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "check");
        thread.setDaemon(true); // a check that timed out must not keep the process alive
        return thread;
    });

    private record Verdict(String level, String detail) {

        static Verdict ok(String detail) {
            return new Verdict("OK", detail);
        }

        static Verdict fail(String detail) {
            return new Verdict("FAIL", detail);
        }

        String line(String item) {
            return item + ": " + level + (detail == null ? "" : " (" + detail + ")");
        }
    }

    @Override
    public int run(PrintStream out) {
        ConfigurationCheck.Outcome configuration = ConfigurationCheck.run(LaunchMode.current() == LaunchMode.NORMAL);
        List<String> problems = configuration.problems();
        boolean failed = !problems.isEmpty();
        out.println(problems.isEmpty() ? "configuration: OK" : Verdict.fail(String.join("; ", problems)).line("configuration"));
        if (configuration.config().isEmpty()) { // a setting could not be read: the other items cannot be tried
            Verdict unknown = Verdict.fail("unknown: configuration unreadable");
            out.println(unknown.line("database"));
            out.println(unknown.line("schema"));
            out.println(unknown.line("redis"));
            worker.shutdownNow();
            return 1;
        }
        SmallRyeConfig smallRye = configuration.config().get();

        Verdict database = bounded(DATABASE_BUDGET, () -> database(smallRye));
        out.println(database.line("database"));
        Verdict schema = database.level().equals("OK") ? bounded(SCHEMA_BUDGET, () -> schema(smallRye))
                : Verdict.fail("unknown: no database");
        out.println(schema.line("schema"));
        Verdict redis = bounded(REDIS_BUDGET, () -> redis(smallRye));
        out.println(redis.line("redis"));
        failed |= database.level().equals("FAIL") || schema.level().equals("FAIL") || redis.level().equals("FAIL");
        worker.shutdownNow();
        return failed ? 1 : 0;
    }

    private Verdict database(SmallRyeConfig config) throws Exception {
        JdbcTarget target = JdbcTarget.from(config, config.getConfigMapping(DatabaseConfig.class));
        DatabaseConfig settings = config.getConfigMapping(DatabaseConfig.class);
        PGSimpleDataSource dataSource = target.dataSource(settings.applicationName() + "-check",
                (int) Math.max(1, settings.connectTimeout().toSeconds()));
        dataSource.setSocketTimeout((int) DATABASE_BUDGET.toSeconds());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet version = statement.executeQuery("SHOW server_version")) {
            version.next();
            return Verdict.ok("PostgreSQL " + version.getString(1) + " at " + target);
        }
    }

    private Verdict schema(SmallRyeConfig config) {
        JdbcTarget target = JdbcTarget.forMigrations(config, config.getConfigMapping(DatabaseConfig.class),
                config.getConfigMapping(MigrationConfig.class));
        Migrations.Pending pending = new Migrations(target, config.getConfigMapping(MigrationConfig.class),
                config.getConfigMapping(DatabaseConfig.class)).pending();
        String applied = Objects.requireNonNullElse(pending.appliedVersion(), "none");
        if (pending.pendingMigrations() > 0) {
            return Verdict.fail("pending: " + pending.pendingMigrations() + " migration(s) to apply, at version " + applied
                    + " of " + ShippedSchema.VERSION + "; the service applies them at start-up, or run migrate");
        }
        if (!ShippedSchema.VERSION.equals(applied)) {
            return Verdict.fail("ahead: the database is at version " + applied + ", this build ships " + ShippedSchema.VERSION);
        }
        return Verdict.ok("version " + applied + ", as this build ships" + Migrations.route(target));
    }

    private Verdict redis(SmallRyeConfig config) throws Exception {
        boolean required = config.getConfigMapping(RedisConfig.class).required();
        Optional<String> hosts = config.getOptionalValue("quarkus.redis.hosts", String.class);
        if (hosts.isEmpty()) {
            return unavailable(required, "unknown: not configured");
        }
        RedisUrl url = RedisUrl.parse("QUARKUS_REDIS_HOSTS", hosts.get().split(",")[0]);
        try {
            RedisPing.ping(url, REDIS_BUDGET.minusMillis(500));
            return Verdict.ok("PONG from " + url.host() + ":" + url.port());
        } catch (Exception e) {
            return unavailable(required, FailureClassifier.reason(e).code() + ": " + Redaction.describe(e));
        }
    }

    private static Verdict unavailable(boolean required, String why) {
        return required ? Verdict.fail(why) : new Verdict("WARN", why.replaceFirst(":.*", "") + "; optional");
    }

    /** Runs a check within its budget; a failure becomes FAIL with the readiness reason first. */
    private Verdict bounded(Duration budget, Callable<Verdict> check) {
        try {
            return worker.submit(check).get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Verdict.fail("timeout: no answer within " + budget.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return Verdict.fail(FailureClassifier.reason(cause).code() + ": " + Redaction.describe(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.fail("unknown: interrupted");
        }
    }
}
