package dev.perks.lifecycle.schema;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.junit.jupiter.api.Test;

/**
 * The warm-up Flyway gets while the database is away: it parses the shipped migrations without
 * ever touching the database, and when it fails itself it says nothing to the migration.
 */
class MigrationWarmUpTest {

    private static final ClassLoader LOADER = MigrationWarmUpTest.class.getClassLoader();

    @Test
    void parsesEveryShippedMigrationWithoutConnecting() {
        AtomicInteger used = new AtomicInteger();
        DataSource untouchable = (DataSource) Proxy.newProxyInstance(LOADER, new Class<?>[] { DataSource.class },
                (proxy, method, args) -> {
                    used.incrementAndGet();
                    throw new AssertionError("the warm-up used the data source: " + method.getName());
                });
        Configuration configuration = Flyway.configure(LOADER).dataSource(untouchable).load().getConfiguration();
        List<LoadableResource> shipped = ListedMigrations.of(LOADER, ShippedSchema.LOCATION).orElseThrow().resources();

        int statements = MigrationWarmUp.run(configuration, shipped);

        assertTrue(statements >= shipped.size(), statements + " statements in " + shipped.size() + " migrations");
        assertEquals(0, used.get());
    }

    @Test
    void aFailingWarmUpIsIgnored() {
        LoadableResource unreadable = new LoadableResource() {
            @Override
            public Reader read() {
                throw new IllegalStateException("unreadable");
            }

            @Override
            public String getAbsolutePath() {
                return "V9__unreadable.sql";
            }

            @Override
            public String getAbsolutePathOnDisk() {
                return "V9__unreadable.sql";
            }

            @Override
            public String getFilename() {
                return "V9__unreadable.sql";
            }

            @Override
            public String getRelativePath() {
                return "V9__unreadable.sql";
            }
        };
        Configuration configuration = Flyway.configure(LOADER).load().getConfiguration();
        assertEquals(0, assertDoesNotThrow(() -> MigrationWarmUp.run(configuration, List.of(unreadable))));
    }

    @Test
    void everyClassItLoadsStillExists() {
        // A dependency upgrade that renames one fails here rather than silently warming less.
        for (String name : MigrationWarmUp.MIGRATE_PATH) {
            assertDoesNotThrow(() -> Class.forName(name, false, LOADER), name);
        }
    }
}
