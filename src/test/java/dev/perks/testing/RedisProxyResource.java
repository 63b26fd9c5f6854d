package dev.perks.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;

/**
 * Puts a {@link FaultProxy} between the service and the local Redis (starting in REFUSE mode) and
 * gives the service a database of its own; the shared Redis server itself is never touched.
 */
public class RedisProxyResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "perks_it_redis_down";

    private static volatile FaultProxy proxy;

    public static FaultProxy proxy() {
        return proxy;
    }

    public static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);

    @Override
    public Map<String, String> start() {
        TestDatabases.drop(DATABASE);
        proxy = FaultProxy.start(TestServers.HOST, TestServers.redisPort(), FaultProxy.Mode.REFUSE);
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + TestServers.HOST + ":" + TestServers.postgresPort() + "/" + DATABASE,
                "REDIS_URL", "redis://127.0.0.1:" + proxy.port(),
                "perks.auth.throttle.key-prefix", "perks-test:" + java.util.UUID.randomUUID() + ":",
                // Far above a login's own time, so "did not wait on Redis" is told apart on busy cores.
                "perks.auth.throttle.redis-timeout", REDIS_TIMEOUT.toMillis() + "ms",
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", "target/logs/" + DATABASE + ".log");
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }
}
