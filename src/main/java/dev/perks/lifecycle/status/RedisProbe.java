package dev.perks.lifecycle.status;

import dev.perks.lifecycle.config.RedisConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Sends Redis {@code PING} in the background; the client connects on this first command. */
@Singleton
public class RedisProbe {

    private final PeriodicProbe probe;

    RedisProbe(ReactiveRedisDataSource redis, Vertx vertx, RedisStatus status, RedisConfig config) {
        this.probe = new PeriodicProbe(vertx, status, () -> redis.execute("PING"), config.probeTimeout(),
                config.probeInterval(), config.probeRetryInterval(), () -> {
        });
    }

    void start(@Observes StartupEvent event) {
        probe.start();
    }

    void stop(@Observes ShutdownEvent event) {
        probe.stop();
    }
}
