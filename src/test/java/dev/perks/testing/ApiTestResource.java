package dev.perks.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * The API test classes share one running service (same resource, MATCHING_RESOURCES scope) on a
 * fresh database of their own (created with a UTF-8 locale, as production images have), with a bootstrap admin, a Redis key prefix unique to this run (so
 * login counters of an earlier run never throttle this one), and X-Forwarded-For trusted from
 * 127.0.0.1 so tests can act as distinct client addresses.
 */
public class ApiTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "perks_it_api";
    public static final String ADMIN_EMAIL = "Root.Admin@perks.test";
    public static final String ADMIN_PASSWORD = "bootstrap-Adm1n-pass";
    public static final int MAX_FAILURES_PER_ADDRESS = 10;
    public static final int MAX_REGISTRATIONS_PER_ADDRESS = 25;

    @Override
    public Map<String, String> start() {
        String database = database();
        TestDatabases.createUtf8(database);
        return Map.ofEntries(
                Map.entry("quarkus.datasource.reactive.url", "postgresql://" + TestServers.HOST + ":" + TestServers.postgresPort()
                        + "/" + database),
                Map.entry("ADMIN_EMAIL", ADMIN_EMAIL),
                Map.entry("ADMIN_PASSWORD", ADMIN_PASSWORD),
                Map.entry("perks.auth.throttle.key-prefix", "perks-test:" + UUID.randomUUID() + ":"),
                Map.entry("perks.auth.throttle.max-failures-per-address", Integer.toString(MAX_FAILURES_PER_ADDRESS)),
                Map.entry("perks.auth.throttle.max-registrations-per-address",
                        Integer.toString(MAX_REGISTRATIONS_PER_ADDRESS)),
                Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"),
                Map.entry("quarkus.http.proxy.trusted-proxies", "127.0.0.1"),
                Map.entry("quarkus.log.file.enabled", "true"),
                Map.entry("quarkus.log.file.path", "target/logs/" + database + ".log"));
    }

    /** A test class that must change what the others rely on (the admins) gets a service and database of its own. */
    protected String database() {
        return DATABASE;
    }

    @Override
    public void stop() {
        // the database is left for inspection; the next run drops it first
    }
}
