package dev.perks.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * The service as it runs with many replicas: requests through a real PgBouncer in transaction
 * mode with a server pool of {@link #SERVER_POOL_SIZE} (the service's own pool is 32), with
 * {@code PERKS_DATABASE_POOLER=transaction}, and migrations on a direct connection
 * ({@code MIGRATION_DATABASE_URL}). A bootstrap admin and trusted X-Forwarded-For as in
 * {@link ApiTestResource}.
 */
public class PgBouncerResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "perks_it_pgbouncer";
    public static final int SERVER_POOL_SIZE = 3;

    private static volatile PgBouncer bouncer;

    public static PgBouncer bouncer() {
        return bouncer;
    }

    @Override
    public Map<String, String> start() {
        TestDatabases.drop(DATABASE);
        bouncer = PgBouncer.start(SERVER_POOL_SIZE);
        return Map.ofEntries(
                Map.entry("DATABASE_URL", "postgres://postgres@127.0.0.1:" + bouncer.port() + "/" + DATABASE),
                Map.entry("perks.database.pooler", "transaction"),
                Map.entry("perks.migration.database-url", "postgres://postgres@" + TestServers.postgres() + "/" + DATABASE),
                Map.entry("ADMIN_EMAIL", ApiTestResource.ADMIN_EMAIL),
                Map.entry("ADMIN_PASSWORD", ApiTestResource.ADMIN_PASSWORD),
                Map.entry("perks.auth.throttle.key-prefix", "perks-test:" + UUID.randomUUID() + ":"),
                Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"),
                Map.entry("quarkus.http.proxy.trusted-proxies", "127.0.0.1"),
                Map.entry("quarkus.log.file.enabled", "true"),
                Map.entry("quarkus.log.file.path", "target/logs/" + DATABASE + ".log"));
    }

    @Override
    public void stop() {
        if (bouncer != null) {
            bouncer.close();
            bouncer = null;
        }
    }
}
