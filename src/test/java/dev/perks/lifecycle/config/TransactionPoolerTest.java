package dev.perks.lifecycle.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.testing.PgBouncer;
import dev.perks.testing.TestDatabases;
import dev.perks.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * What {@code perks.database.pooler=transaction} prevents, shown against a real PgBouncer with one
 * server connection: two client connections that each cache a named statement collide on it.
 */
@EnabledIf("dev.perks.testing.PgBouncer#isInstalled")
class TransactionPoolerTest {

    private static final String DATABASE = "perks_it_pooler";
    private static final int CLIENT_CONNECTIONS = 8;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        TestDatabases.create(DATABASE);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
        TestDatabases.drop(DATABASE);
    }

    @Test
    void cachedNamedStatementsCollideBehindATransactionPooler() throws Exception {
        try (PgBouncer bouncer = PgBouncer.start(1)) {
            // The reactive client's own behaviour, which perks.database.pooler=none leaves as it is.
            Pool pool = pool(options(bouncer.port()).setCachePreparedStatements(true));
            try {
                SqlConnection first = await(pool.getConnection());
                SqlConnection second = await(pool.getConnection());
                await(first.preparedQuery("SELECT $1::int + 1").execute(Tuple.of(1)));
                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> await(second.preparedQuery("SELECT $1::int + 2").execute(Tuple.of(1))));
                assertTrue(failure.getCause().getMessage().matches("(?s).*prepared statement .* already exists.*"),
                        failure.getCause().getMessage());
            } finally {
                await(pool.close());
            }
        }
    }

    @Test
    void theSettingMakesManyClientConnectionsShareOneServerConnection() throws Exception {
        try (PgBouncer bouncer = PgBouncer.start(1)) {
            PgConnectOptions options = options(bouncer.port()).setCachePreparedStatements(true);
            PerksPoolCreator.forTransactionPooler(options);
            Pool pool = pool(options);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    int n = i;
                    // Different statements on different client connections, interleaved on the one server connection.
                    String sql = n % 2 == 0 ? "SELECT $1::int + 1" : "SELECT $1::int * 2";
                    answers.add(pool.preparedQuery(sql).execute(Tuple.of(n)).map(rows -> rows.iterator().next().getInteger(0)));
                }
                for (int i = 0; i < answers.size(); i++) {
                    assertEquals(i % 2 == 0 ? i + 1 : i * 2, await(answers.get(i)), "answer " + i);
                }
                Row transactionLocal = await(pool.withTransaction(connection -> connection
                        .preparedQuery("SELECT set_config('statement_timeout', '1500ms', true)").execute()
                        .compose(ignored -> connection.preparedQuery("SHOW statement_timeout").execute())))
                        .iterator().next();
                assertEquals("1500ms", transactionLocal.getString(0), "a transaction keeps its server connection");
            } finally {
                await(pool.close());
            }
        }
    }

    private static PgConnectOptions options(int port) {
        return new PgConnectOptions().setHost(TestServers.HOST).setPort(port).setDatabase(DATABASE).setUser("postgres");
    }

    private static Pool pool(PgConnectOptions options) {
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(CLIENT_CONNECTIONS)).connectingTo(options).using(vertx).build();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
