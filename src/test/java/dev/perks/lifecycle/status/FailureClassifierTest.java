package dev.perks.lifecycle.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.error.UniqueViolation;
import dev.perks.testing.TestDatabases;
import dev.perks.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The classifier on the failures the drivers really raise, provoked against the local PostgreSQL
 * (a closed port, an unknown host, a missing database or role, a cancelled statement, a lock
 * timeout, a duplicate key), through the reactive client and through JDBC as Flyway meets them.
 */
class FailureClassifierTest {

    private static final String DATABASE = "perks_it_classifier";
    private static final int CLOSED_PORT = 9;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        TestDatabases.create(DATABASE);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aClosedPortIsUnreachableAndNothingWasSent() {
        Throwable reactive = reactiveFailure(options().setPort(CLOSED_PORT), "SELECT 1");
        SQLException jdbc = jdbcFailure("jdbc:postgresql://127.0.0.1:" + CLOSED_PORT + "/" + DATABASE, "postgres");

        for (Throwable failure : new Throwable[] { reactive, jdbc }) {
            assertEquals(FailureReason.UNREACHABLE, FailureClassifier.reason(failure), failure.toString());
            assertTrue(FailureClassifier.isConnectFailure(failure), failure.toString());
        }
    }

    @Test
    void anUnknownHostIsDns() {
        Throwable failure = reactiveFailure(options().setHost("no-such-host.invalid"), "SELECT 1");

        assertEquals(FailureReason.DNS, FailureClassifier.reason(failure), failure.toString());
        assertTrue(FailureClassifier.isConnectFailure(failure));
    }

    @Test
    void aMissingDatabaseOrRoleIsNamed() {
        assertEquals(FailureReason.DATABASE_MISSING,
                FailureClassifier.reason(reactiveFailure(options().setDatabase("perks_no_such_db"), "SELECT 1")));
        assertEquals(FailureReason.DATABASE_MISSING, FailureClassifier.reason(
                jdbcFailure("jdbc:postgresql://" + TestServers.postgres() + "/perks_no_such_db", "postgres")));
        assertEquals(FailureReason.AUTH_FAILED,
                FailureClassifier.reason(reactiveFailure(options().setUser("perks_no_such_role"), "SELECT 1")));
        assertEquals(FailureReason.AUTH_FAILED, FailureClassifier.reason(
                jdbcFailure("jdbc:postgresql://" + TestServers.postgres() + "/" + DATABASE, "perks_no_such_role")));
    }

    @Test
    void aStatementTheServerCancelledIsARefusalNotAnOutage() {
        Throwable failure = reactiveFailure(options(), "SET statement_timeout = 10; SELECT pg_sleep(1)");

        assertEquals(Optional.of("statement-timeout"), FailureClassifier.statementRefusal(failure));
        assertEquals(FailureReason.UNKNOWN, FailureClassifier.reason(failure));
        assertFalse(FailureClassifier.isConnectFailure(failure));
        assertFalse(FailureClassifier.isClosedConnection(failure));
    }

    @Test
    void aLockTimeoutIsARefusal() throws Exception {
        try (Connection holder = jdbc("postgres"); Connection waiter = jdbc("postgres")) {
            holder.createStatement().execute("CREATE TABLE IF NOT EXISTS locked (id int PRIMARY KEY)");
            holder.createStatement().execute("INSERT INTO locked VALUES (1) ON CONFLICT DO NOTHING");
            holder.setAutoCommit(false);
            holder.createStatement().execute("SELECT * FROM locked WHERE id = 1 FOR UPDATE");
            Statement statement = waiter.createStatement();
            statement.execute("SET lock_timeout = '20ms'");
            SQLException failure = assertThrows(SQLException.class,
                    () -> statement.execute("SELECT * FROM locked WHERE id = 1 FOR UPDATE"));
            holder.rollback();

            assertEquals(Optional.of("lock-timeout"), FailureClassifier.statementRefusal(failure));
            assertEquals(FailureReason.UNKNOWN, FailureClassifier.reason(failure));
        }
    }

    @Test
    void aDuplicateKeyNamesItsConstraintAndSaysNothingAboutTheDatabase() {
        Throwable failure = reactiveFailure(options(),
                "CREATE TABLE IF NOT EXISTS unique_things (name text CONSTRAINT unique_things_name_uk UNIQUE);"
                        + " INSERT INTO unique_things VALUES ('a'); INSERT INTO unique_things VALUES ('a')");

        assertEquals(Optional.of("unique_things_name_uk"), UniqueViolation.constraint(failure));
        assertEquals(FailureReason.UNKNOWN, FailureClassifier.reason(failure));
        assertTrue(FailureClassifier.statementRefusal(failure).isEmpty());
    }

    private static PgConnectOptions options() {
        return new PgConnectOptions().setHost(TestServers.HOST).setPort(TestServers.postgresPort()).setDatabase(DATABASE)
                .setUser("postgres").setConnectTimeout(2_000);
    }

    /** What the reactive client raises when it connects with {@code options} and runs {@code sql}. */
    private static Throwable reactiveFailure(PgConnectOptions options, String sql) {
        try {
            PgConnection.connect(vertx, options)
                    .compose(connection -> connection.query(sql).execute().eventually(() -> connection.close()))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a failure for " + sql);
    }

    private static SQLException jdbcFailure(String url, String user) {
        return assertThrows(SQLException.class, () -> DriverManager.getConnection(url, user, "").close());
    }

    private static Connection jdbc(String user) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + TestServers.postgres() + "/" + DATABASE, user, "");
    }
}
