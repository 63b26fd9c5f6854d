package dev.perks.lifecycle.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ShippedSchemaTest {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");

    @Test
    void theExpectedVersionIsTheNewestMigrationShipped() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            String newest = files.map(file -> VERSIONED.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches).map(m -> m.group(1).replace('_', '.'))
                    .max(Comparator.comparing(ShippedSchemaTest::numeric)).orElseThrow();
            assertEquals(newest, ShippedSchema.VERSION, "raise ShippedSchema.VERSION with each new migration");
        }
    }

    private static String numeric(String version) {
        StringBuilder key = new StringBuilder();
        for (String part : version.split("\\.")) {
            key.append(String.format("%010d", Long.parseLong(part)));
        }
        return key.toString();
    }
}
