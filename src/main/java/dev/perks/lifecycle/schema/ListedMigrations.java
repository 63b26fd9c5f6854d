package dev.perks.lifecycle.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resource.classpath.ClassPathResource;

/**
 * The migrations this build ships, read from the list the build writes beside them instead of
 * scanning the class path: a native executable has no class path to scan (Flyway's scanner finds
 * nothing there), so the JVM and the native executable both read the same explicit list.
 *
 * <p>For a location {@code classpath:db/migration} the list is the resource {@code db/migration.index}:
 * one file name a line, written by pom.xml from {@code src/main/resources/db/migration} at every
 * build. A location without a list (the dev profile's {@code db/dev-seed}, a {@code filesystem:}
 * location) leaves Flyway to scan, as it does on the JVM.
 */
final class ListedMigrations implements ResourceProvider {

    private static final String CLASSPATH = "classpath:";
    static final String INDEX_SUFFIX = ".index";

    private final List<LoadableResource> resources;
    private final List<String> paths;

    private ListedMigrations(List<LoadableResource> resources, List<String> paths) {
        this.resources = List.copyOf(resources);
        this.paths = List.copyOf(paths);
    }

    /** The listed migrations of every location, or empty when any location has no list. */
    static Optional<ListedMigrations> of(ClassLoader loader, String... locations) {
        List<LoadableResource> resources = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (String location : locations) {
            String trimmed = location.strip();
            if (!trimmed.startsWith(CLASSPATH)) {
                return Optional.empty();
            }
            String folder = trimmed.substring(CLASSPATH.length()).replaceAll("^/+|/+$", "");
            Optional<List<String>> names = read(loader, folder + INDEX_SUFFIX);
            if (names.isEmpty()) {
                return Optional.empty();
            }
            // With its location, as Flyway's scanner makes it: the script recorded in
            // flyway_schema_history stays the file name (V1__schema.sql), whichever way it was found.
            Location base = new Location(CLASSPATH + folder);
            for (String name : names.get()) {
                String path = folder + "/" + name;
                resources.add(new ClassPathResource(base, path, loader, StandardCharsets.UTF_8));
                paths.add(path);
            }
        }
        return Optional.of(new ListedMigrations(resources, paths));
    }

    /** No Java migrations: this service ships SQL only. */
    static ClassProvider<JavaMigration> noJavaMigrations() {
        return List::of;
    }

    /** The migrations themselves, in the list's order. */
    List<LoadableResource> resources() {
        return resources;
    }

    /** Resource paths relative to the class path, e.g. {@code db/migration/V1__schema.sql}. */
    List<String> paths() {
        return paths;
    }

    /** By the path relative to its location, ignoring case, as Flyway's scanner answers. */
    @Override
    public LoadableResource getResource(String name) {
        return resources.stream().filter(r -> r.getRelativePath().equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return resources.stream().filter(r -> matches(r.getFilename(), prefix, suffixes)).toList();
    }

    private static boolean matches(String fileName, String prefix, String[] suffixes) {
        if (!fileName.startsWith(prefix)) {
            return false;
        }
        for (String suffix : suffixes) {
            if (fileName.endsWith(suffix) && fileName.length() > prefix.length() + suffix.length()) {
                return true;
            }
        }
        return false;
    }

    private static Optional<List<String>> read(ClassLoader loader, String index) {
        try (InputStream in = loader.getResourceAsStream(index)) {
            if (in == null) {
                return Optional.empty();
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return Optional.of(reader.lines().map(String::strip).filter(line -> !line.isEmpty()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the migration list " + index, e);
        }
    }
}
