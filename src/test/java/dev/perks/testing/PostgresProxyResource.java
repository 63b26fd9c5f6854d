package dev.perks.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Puts a {@link FaultProxy} between the service and the local PostgreSQL, pointed at a fresh
 * database of the test's own, and configures the service through {@code DATABASE_URL} exactly as
 * a PaaS would (with a password, which trust auth ignores, so tests can look for leaks).
 * Init args: {@code database} (required), {@code mode} (initial proxy mode, default PASS).
 */
public class PostgresProxyResource implements QuarkusTestResourceLifecycleManager {

    public static final String PASSWORD = "s3cr3t-Pa55@word";

    private static volatile FaultProxy proxy;
    private String database;
    private FaultProxy.Mode initialMode;

    public static FaultProxy proxy() {
        return proxy;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
        initialMode = FaultProxy.Mode.valueOf(initArgs.getOrDefault("mode", "PASS"));
    }

    @Override
    public Map<String, String> start() {
        TestDatabases.drop(database);
        proxy = FaultProxy.start(TestServers.HOST, TestServers.postgresPort(), initialMode);
        String encodedPassword = java.net.URLEncoder.encode(PASSWORD, java.nio.charset.StandardCharsets.UTF_8);
        return Map.of(
                "DATABASE_URL", "postgres://postgres:" + encodedPassword + "@127.0.0.1:" + proxy.port() + "/" + database,
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", "target/logs/" + database + ".log");
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }
}
