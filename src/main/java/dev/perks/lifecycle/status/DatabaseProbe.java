package dev.perks.lifecycle.status;

import dev.perks.lifecycle.config.DatabaseConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Asks PostgreSQL {@code SELECT 1} in the background; its first query is the pool's first demand. */
@Singleton
public class DatabaseProbe {

    private final PeriodicProbe probe;

    DatabaseProbe(Pool pool, Vertx vertx, DatabaseStatus status, DatabaseConfig config) {
        this.probe = new PeriodicProbe(vertx, status, () -> pool.query("SELECT 1").execute(), config.probeTimeout(),
                config.probeInterval(), config.probeRetryInterval());
    }

    void start(@Observes StartupEvent event) {
        probe.start();
    }

    void stop(@Observes ShutdownEvent event) {
        probe.stop();
    }
}
