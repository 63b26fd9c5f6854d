package dev.perks.lifecycle.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.api.resource.LoadableResource;
import org.junit.jupiter.api.Test;

/**
 * Flyway's migrations come from the list the build writes (db/migration.index), the only way a
 * native executable finds them; this checks the list against the folder it is made from, so a new
 * migration can never be left out.
 */
class ListedMigrationsTest {

    private static final ClassLoader LOADER = ListedMigrationsTest.class.getClassLoader();

    @Test
    void theListedMigrationsAreExactlyTheFolder() throws IOException {
        List<String> folder;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            folder = files.map(f -> "db/migration/" + f.getFileName()).sorted().toList();
        }
        assertTrue(!folder.isEmpty());
        ListedMigrations listed = ListedMigrations.of(LOADER, "classpath:db/migration").orElseThrow();
        assertEquals(folder, listed.paths().stream().sorted().toList());
        // Spelled as operators write it, the location finds the same list.
        assertEquals(listed.paths(), ListedMigrations.of(LOADER, " classpath:/db/migration/").orElseThrow().paths());
    }

    @Test
    void flywayGetsEachMigrationByPrefixAndSuffixAndByName() throws IOException {
        ListedMigrations listed = ListedMigrations.of(LOADER, "classpath:db/migration").orElseThrow();
        List<LoadableResource> versioned = List.copyOf(listed.getResources("V", new String[] { ".sql" }));
        assertEquals(listed.paths().stream().filter(p -> p.substring(p.lastIndexOf('/') + 1).startsWith("V")).count(),
                versioned.size());
        for (LoadableResource resource : versioned) {
            try (var reader = resource.read()) {
                assertTrue(reader.read() >= 0, resource.getRelativePath() + " is readable");
            }
        }
        assertTrue(listed.getResources("R", new String[] { ".sql" }).stream().allMatch(r -> r.getFilename().startsWith("R")));
        // Relative to the location, as Flyway's scanner names them (and flyway_schema_history records).
        assertEquals(versioned.get(0).getFilename(), versioned.get(0).getRelativePath());
        assertNotNull(listed.getResource(versioned.get(0).getRelativePath()));
        assertNull(listed.getResource("V999__missing.sql"));
        assertTrue(ListedMigrations.noJavaMigrations().getClasses().isEmpty());
    }

    @Test
    void aLocationWithoutAListIsLeftToFlywaysScanner() {
        // The dev profile adds db/dev-seed, which has no list: Flyway scans, as on any JVM.
        assertTrue(ListedMigrations.of(LOADER, "classpath:db/migration", "classpath:db/dev-seed").isEmpty());
        assertTrue(ListedMigrations.of(LOADER, "filesystem:/srv/migrations").isEmpty());
    }
}
