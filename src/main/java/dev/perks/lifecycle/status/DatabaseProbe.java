package dev.perks.lifecycle.status;

import dev.perks.lifecycle.config.DatabaseConfig;
import dev.perks.lifecycle.config.PerksPoolCreator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks PostgreSQL {@code SELECT 1} in the background over a connection of its own, opened for
 * the check and closed after it. A new connection proves what a request would need (the server
 * accepts, the credentials work, the database exists), and a request pool saturated by slow
 * statements never looks like an outage.
 *
 * <p>This probe is what reopens the request path to a database found down: the request gate
 * refuses requests from memory while {@link DatabaseStatus} says so, a timeout or a dead
 * connection seen by a request brings the next check forward ({@link #checkNow()}), and only a
 * check the database answers makes it available again. No client request is ever the trial.
 */
@Singleton
public class DatabaseProbe {

    private final Vertx vertx;
    private final Pool pool;
    private final PerksPoolCreator poolCreator;
    private final PeriodicProbe probe;
    private final List<Runnable> answerListeners = new CopyOnWriteArrayList<>();
    private volatile PgConnectOptions options;

    DatabaseProbe(Pool pool, PerksPoolCreator poolCreator, Vertx vertx, DatabaseStatus status, DatabaseConfig config) {
        this.vertx = vertx;
        this.pool = pool;
        this.poolCreator = poolCreator;
        this.probe = new PeriodicProbe(vertx, status, this::check, config.probeTimeout(), config.probeInterval(),
                config.probeRetryInterval(), () -> answerListeners.forEach(Runnable::run));
    }

    /** Runs after every check the database answered (on the event loop). */
    public void onAnswer(Runnable listener) {
        answerListeners.add(listener);
    }

    void start(@Observes StartupEvent event) {
        pool.getDelegate(); // builds the pool (no connection), so the probe can reuse its connect options
        options = poolCreator.probeConnectOptions();
        probe.start();
    }

    void stop(@Observes ShutdownEvent event) {
        probe.stop();
    }

    /** The request path suspects an outage: find out now instead of at the next interval. */
    public void checkNow() {
        if (options != null) {
            probe.checkNow();
        }
    }

    /**
     * Connect, {@code SELECT 1}, close. A connection dropped in the middle of the check (the server
     * restarted just then) is tried once more at once: a restart that is already over is not an outage.
     */
    private Uni<?> check() {
        return connectAndSelect().onFailure(FailureClassifier::isClosedConnection).retry().atMost(1);
    }

    /** A connection still opening when the check times out is closed as soon as it opens. */
    private Uni<?> connectAndSelect() {
        return Uni.createFrom().emitter(emitter -> {
            AtomicReference<PgConnection> opened = new AtomicReference<>();
            AtomicBoolean over = new AtomicBoolean();
            emitter.onTermination(() -> {
                over.set(true);
                PgConnection connection = opened.getAndSet(null);
                if (connection != null) {
                    connection.close();
                }
            });
            PgConnection.connect(vertx, options).onComplete(connecting -> {
                if (connecting.failed()) {
                    emitter.fail(connecting.cause());
                    return;
                }
                opened.set(connecting.result());
                if (over.get()) { // timed out while connecting
                    connecting.result().close();
                    return;
                }
                connecting.result().query("SELECT 1").execute().onComplete(result -> {
                    if (result.succeeded()) {
                        emitter.complete(result.result().size());
                    } else {
                        emitter.fail(result.cause());
                    }
                });
            });
        });
    }
}
