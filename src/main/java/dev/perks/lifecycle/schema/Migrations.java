package dev.perks.lifecycle.schema;

import dev.perks.lifecycle.config.DatabaseConfig;
import dev.perks.lifecycle.status.FailureClassifier;
import dev.perks.lifecycle.status.FailureReason;
import io.quarkus.runtime.LaunchMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * Flyway as this service uses it, for the background migrator and the {@code migrate} and
 * {@code check} commands alike: the same locations, the same JDBC target as the reactive pool, no
 * retries of its own, and (dev and test only) the database created when it is missing. Blocking:
 * never call it on an event loop. Flyway's PostgreSQL advisory lock makes concurrent replicas apply
 * each migration exactly once.
 */
public final class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class);
    private static final String DUPLICATE_DATABASE = "42P04";

    private final JdbcTarget target;
    private final DatabaseConfig database;
    private final Flyway flyway;
    private final Optional<ListedMigrations> listed;

    public Migrations(JdbcTarget target, MigrationConfig migration, DatabaseConfig database) {
        this.target = target;
        this.database = database;
        String[] locations = migration.locations().split(",");
        FluentConfiguration configuration = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(target.dataSource(database.applicationName() + "-migrator", connectTimeoutSeconds()))
                .locations(locations)
                .connectRetries(0) // callers retry, without blocking start-up
                .cleanDisabled(true)
                // A dev database carries the dev-seed repeatable migration this build may not ship.
                .ignoreMigrationPatterns("*:future", "repeatable:missing")
                .validateOnMigrate(true);
        // The build's list of migrations rather than a class path scan, which finds nothing in a
        // native executable; the JVM reads the same list, so every test runs the native path.
        this.listed = ListedMigrations.of(Migrations.class.getClassLoader(), locations);
        listed.ifPresent(list -> configuration
                .resourceProvider(list).javaMigrationClassProvider(ListedMigrations.noJavaMigrations()));
        this.flyway = configuration.load();
    }

    /**
     * While the database is away: does what {@link #migrate()} will do that needs no database
     * ({@link MigrationWarmUp}), so that less is left once it answers. Never connects, never throws.
     * Only for listed migrations, which it can read without scanning.
     */
    void warmUp() {
        listed.ifPresent(list -> MigrationWarmUp.run(flyway.getConfiguration(), list.resources()));
    }

    /** Applies what is pending (one round trip when the schema is current). */
    public MigrateResult migrate() {
        try {
            return flyway.migrate();
        } catch (RuntimeException e) {
            // Dev and test only: the packaged artifact never creates a database, whatever its profile says.
            boolean mayCreate = database.createIfMissing() && LaunchMode.current().isDevOrTest();
            if (!mayCreate || FailureClassifier.reason(e) != FailureReason.DATABASE_MISSING) {
                throw e;
            }
            createDatabase();
            return flyway.migrate();
        }
    }

    /** The applied version (null on an empty database) and the migrations still to apply. */
    public Pending pending() {
        var info = flyway.info();
        MigrationInfo current = info.current();
        return new Pending(current == null || current.getVersion() == null ? null : current.getVersion().getVersion(),
                info.pending().length);
    }

    /** What {@link #pending()} found. */
    public record Pending(String appliedVersion, int pendingMigrations) {
    }

    /**
     * How migrations reach the database, for an operator: said when it is not the request path's
     * connection, and warned about when it crosses a transaction pooler.
     */
    public static String route(JdbcTarget target) {
        if (target.throughTransactionPooler()) {
            return "; migrations go through the transaction pooler, where Flyway's lock and session state"
                    + " are not safe: set MIGRATION_DATABASE_URL to a direct or session-mode connection";
        }
        return "";
    }

    /** The version a successful {@link #migrate()} left the schema at. */
    public static String version(MigrateResult result) {
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    }

    private void createDatabase() {
        String name = target.databaseName();
        try (Connection connection = target
                .maintenanceDataSource(database.applicationName() + "-migrator", connectTimeoutSeconds())
                .getConnection()) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
                LOG.infof("Created missing database %s (create-if-missing is on in this profile)", name);
            }
        } catch (SQLException e) {
            if (!DUPLICATE_DATABASE.equals(e.getSQLState())) { // another replica won the race: fine
                throw new IllegalStateException("Could not create database " + name, e);
            }
        }
    }

    private int connectTimeoutSeconds() {
        return (int) Math.max(1, database.connectTimeout().toSeconds());
    }
}
