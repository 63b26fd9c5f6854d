package dev.perks.lifecycle.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.lifecycle.config.DatabaseConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where Flyway connects: the request path's database, or MIGRATION_DATABASE_URL when set. */
class JdbcTargetTest {

    private static final Map<String, String> BEHIND_POOLER = Map.of(
            "quarkus.datasource.reactive.url", "postgresql://bouncer:6432/perks",
            "quarkus.datasource.username", "app",
            "quarkus.datasource.password", "app-pw",
            "perks.database.pooler", "transaction");

    @Test
    void withoutAMigrationUrlMigrationsFollowTheRequestPathAndNeverPrepareByName() {
        JdbcTarget target = migrationsTarget(BEHIND_POOLER);
        assertEquals("jdbc:postgresql://bouncer:6432/perks", target.url().jdbcUrl());
        assertEquals(Optional.of("app"), target.username());
        assertTrue(target.throughTransactionPooler());
        assertEquals(0, target.dataSource("perks-test", 1).getPrepareThreshold());
        assertTrue(Migrations.route(target).contains("set MIGRATION_DATABASE_URL"));
    }

    @Test
    void aMigrationUrlWithItsOwnCredentialsIsADirectConnection() {
        Map<String, String> values = new HashMap<>(BEHIND_POOLER);
        values.put("perks.migration.database-url", "postgres://owner:owner%40pw@primary:5432/perks?sslmode=require");
        JdbcTarget target = migrationsTarget(values);
        assertEquals("jdbc:postgresql://primary:5432/perks?sslmode=require", target.url().jdbcUrl());
        assertEquals(Optional.of("owner"), target.username());
        assertEquals(Optional.of("owner@pw"), target.password());
        assertFalse(target.throughTransactionPooler());
        assertEquals("", Migrations.route(target));
        // The request path is still the pooler.
        assertTrue(requestPathTarget(values).throughTransactionPooler());
    }

    @Test
    void aMigrationUrlWithoutCredentialsBorrowsTheDatasourceOnes() {
        Map<String, String> values = new HashMap<>(BEHIND_POOLER);
        values.put("perks.migration.database-url", "postgresql://primary/perks");
        JdbcTarget target = migrationsTarget(values);
        assertEquals(Optional.of("app"), target.username());
        assertEquals(Optional.of("app-pw"), target.password());
    }

    @Test
    void withoutAPoolerNothingChanges() {
        JdbcTarget target = migrationsTarget(Map.of("quarkus.datasource.reactive.url", "postgresql://db:5432/perks"));
        assertFalse(target.throughTransactionPooler());
        assertEquals(5, target.dataSource("perks-test", 1).getPrepareThreshold(), "the driver's default");
    }

    private static JdbcTarget migrationsTarget(Map<String, String> values) {
        SmallRyeConfig config = config(values);
        return JdbcTarget.forMigrations(config, config.getConfigMapping(DatabaseConfig.class),
                config.getConfigMapping(MigrationConfig.class));
    }

    private static JdbcTarget requestPathTarget(Map<String, String> values) {
        SmallRyeConfig config = config(values);
        return JdbcTarget.from(config, config.getConfigMapping(DatabaseConfig.class));
    }

    /** The service's settings read into their mappings, as inside the application and in the commands. */
    private static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 100))
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus' "5s" form, as in the application
                .withMapping(DatabaseConfig.class).withMapping(MigrationConfig.class).withValidateUnknown(false).build();
    }
}
