package dev.perks.lifecycle.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perks.testing.TestDatabases;
import dev.perks.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * {@link ShippedSchema} is what Flyway itself would record for the migrations in the source tree:
 * the service compares the database's history with it to become ready without Flyway, so a stale
 * list would send every start through Flyway (or, worse, call a changed migration current).
 */
class ShippedSchemaTest {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");
    private static final String DATABASE = "perks_it_shipped_schema";

    @Test
    void theExpectedVersionIsTheNewestMigrationShipped() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            String newest = files.map(file -> VERSIONED.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches).map(m -> m.group(1).replace('_', '.'))
                    .max(Comparator.comparing(ShippedSchemaTest::numeric)).orElseThrow();
            assertEquals(newest, ShippedSchema.VERSION, "raise ShippedSchema.VERSION with each new migration");
        }
    }

    @Test
    void everyShippedMigrationIsListedWithTheChecksumFlywayRecords() throws Exception {
        TestDatabases.create(DATABASE);
        String url = "jdbc:postgresql://" + TestServers.postgres() + "/" + DATABASE;
        Flyway.configure().dataSource(url, "postgres", "").locations(ShippedSchema.LOCATION).load().migrate();
        List<ShippedSchema.Migration> recorded = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, script, checksum FROM flyway_schema_history"
                        + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (rows.next()) {
                recorded.add(new ShippedSchema.Migration(rows.getString(1), rows.getString(2), rows.getInt(3)));
            }
        }
        assertEquals(recorded, ShippedSchema.MIGRATIONS, "ShippedSchema.MIGRATIONS must read:\n" + recorded.stream()
                .map(m -> "new Migration(\"" + m.version() + "\", \"" + m.script() + "\", " + m.checksum() + ")")
                .collect(Collectors.joining(",\n")));
    }

    private static String numeric(String version) {
        StringBuilder key = new StringBuilder();
        for (String part : version.split("\\.")) {
            key.append(String.format("%010d", Long.parseLong(part)));
        }
        return key.toString();
    }
}
