package dev.perks.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A service on a fresh database of its own with the migration locations the dev profile uses. */
public class DevSeedResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "perks_it_dev_seed";

    @Override
    public Map<String, String> start() {
        TestDatabases.drop(DATABASE);
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + TestServers.HOST + ":" + TestServers.postgresPort() + "/" + DATABASE,
                "perks.migration.locations", "classpath:db/migration,classpath:db/dev-seed",
                "perks.auth.throttle.key-prefix", "perks-test:" + java.util.UUID.randomUUID() + ":");
    }

    @Override
    public void stop() {
        // left for inspection; dropped by the next run
    }
}
