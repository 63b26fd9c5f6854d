package dev.perks.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * A service started against a database whose schema is already current, as after a restart or for
 * a second replica: the database is migrated here, with Flyway, before the service starts.
 */
public class MigratedDatabaseResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "perks_it_migrated";

    @Override
    public Map<String, String> start() {
        TestDatabases.create(DATABASE);
        Flyway.configure().dataSource("jdbc:postgresql://" + TestServers.postgres() + "/" + DATABASE, "postgres", "")
                .locations("classpath:db/migration").load().migrate();
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + TestServers.postgres() + "/" + DATABASE,
                "perks.auth.throttle.key-prefix", "perks-test:" + java.util.UUID.randomUUID() + ":");
    }

    @Override
    public void stop() {
        // left for inspection; dropped by the next run
    }
}
