package dev.perks.lifecycle.status;

import dev.perks.lifecycle.config.RedisConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Sends Redis {@code PING} in the background; the client connects on this first command. The PING
 * shares the client pool with the request path: when that pool or its wait queue is full, the PING
 * is refused without reaching Redis, which says the service is busy, not that Redis is down. Such a
 * check keeps the last verdict, so a burst of logins cannot mark Redis down (which would switch the
 * login throttle off for everyone) nor mark it up while it is down.
 */
@Singleton
public class RedisProbe {

    private final PeriodicProbe probe;

    RedisProbe(ReactiveRedisDataSource redis, Vertx vertx, RedisStatus status, RedisConfig config) {
        this.probe = new PeriodicProbe(vertx, status, () -> redis.execute("PING")
                .onFailure(FailureClassifier::isPoolOverload).recoverWithUni(overload -> status.current().knownUnavailable()
                        ? Uni.createFrom().failure(overload)
                        : Uni.createFrom().nullItem()), config.probeTimeout(),
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
