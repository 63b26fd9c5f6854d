package dev.perks.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.error.Problem;
import io.quarkus.deployment.images.ContainerImages;
import io.quarkus.deployment.pkg.NativeConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No GraalVM or Mandrel can be installed here, so the native build is checked for what the JVM can
 * see: which resources it embeds (the migrations Flyway reads without scanning), that the runtime
 * base image is the builder's distribution (glibc), and the reflection the API needs.
 */
class NativeImageTest {

    private static Properties properties;

    @BeforeAll
    static void read() throws IOException {
        properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
    }

    @Test
    void theExecutableEmbedsExactlyTheMigrationsAndTheirList() throws IOException {
        // What Quarkus embeds: the application's resources (target/classes) that the includes match.
        Path classes = Path.of("target/classes");
        List<PathMatcher> includes = Arrays.stream(properties.getProperty("quarkus.native.resources.includes").split(","))
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob.strip())).toList();
        List<String> embedded;
        try (Stream<Path> files = Files.walk(classes)) {
            embedded = files.filter(Files::isRegularFile).map(classes::relativize)
                    .filter(file -> includes.stream().anyMatch(include -> include.matches(file)))
                    .map(file -> file.toString().replace('\\', '/')).sorted().toList();
        }
        List<String> folder;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            folder = files.map(file -> "db/migration/" + file.getFileName()).sorted().toList();
        }
        List<String> expected = Stream.concat(Stream.of("db/migration.index"), folder.stream()).sorted().toList();
        assertEquals(expected, embedded, "the migration list and every migration, nothing else (no dev seed)");
        // The list Flyway reads names every migration of the folder.
        List<String> listed = Files.readAllLines(classes.resolve("db/migration.index")).stream()
                .filter(line -> !line.isBlank()).map(name -> "db/migration/" + name).sorted().toList();
        assertEquals(folder, listed);
    }

    @Test
    void theRuntimeBaseIsTheBuildersDistribution() throws IOException {
        // An executable built on UBI 9 (glibc 2.34) exits at once on UBI 8's micro image.
        assertFalse(properties.containsKey("quarkus.native.builder-image"), "Quarkus' default builder");
        String builder = effectiveBuilderImage("mandrel"); // the platform's default (quarkus-bom platform properties)
        assertEquals(ContainerImages.UBI9_MANDREL_BUILDER, builder);
        String from = Files.readAllLines(Path.of("docker/Dockerfile.native")).stream()
                .filter(line -> line.startsWith("FROM ")).findFirst().orElseThrow().substring("FROM ".length()).strip();
        assertEquals(ContainerImages.UBI9_QUARKUS_MICRO_IMAGE, from);
        assertTrue(builder.contains("/ubi9-") && from.contains("/ubi9-"), builder + " / " + from);
        String pom = Files.readString(Path.of("pom.xml"));
        assertFalse(pom.contains("quarkus.native.builder-image"), "the native profile keeps the default builder");
    }

    @Test
    void whatTheApiSerialisesOutsideResourceSignaturesIsRegisteredForReflection() {
        // Resource return and parameter types are registered by Quarkus; problems travel inside
        // Response objects and pre-rendered route answers, which native analysis cannot see into.
        assertNotNull(Problem.class.getAnnotation(RegisterForReflection.class));
        assertNotNull(Problem.FieldError.class.getAnnotation(RegisterForReflection.class));
    }

    /** NativeConfig.BuilderImageConfig#getEffectiveImage, Quarkus' own mapping of a builder name to an image. */
    private static String effectiveBuilderImage(String configured) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("image")) {
                return configured;
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            throw new UnsupportedOperationException(method.getName());
        };
        NativeConfig.BuilderImageConfig config = (NativeConfig.BuilderImageConfig) Proxy.newProxyInstance(
                NativeImageTest.class.getClassLoader(), new Class<?>[] { NativeConfig.BuilderImageConfig.class }, handler);
        return config.getEffectiveImage();
    }
}
