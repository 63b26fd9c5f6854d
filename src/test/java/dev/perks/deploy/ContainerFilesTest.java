package dev.perks.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No container engine runs here, so the Dockerfiles and the compose file are checked for what
 * matters when they do run: base image, non-root user, ports, an exec-form entrypoint (the JVM or
 * the executable is PID 1 and gets SIGTERM), healthchecks, and no start-up ordering.
 */
class ContainerFilesTest {

    @Test
    void theJvmImageRunsAsNonRootOnJdk25WithAnExecEntrypoint() throws IOException {
        List<String> lines = instructions("docker/Dockerfile.jvm");
        assertTrue(lines.contains("FROM eclipse-temurin:25.0.3_9-jdk"), lines.toString());
        assertTrue(lines.contains("COPY --chown=185 target/quarkus-app/app.aot ./"), "the cache Quarkus recorded: " + lines);
        String pom = Files.readString(Path.of("pom.xml"));
        String recordedWith = pom.substring(pom.indexOf("<image.java.options>") + "<image.java.options>".length(),
                pom.indexOf("</image.java.options>"));
        assertEquals("ENV JAVA_OPTS=\"" + recordedWith + "\"", last(lines, "ENV JAVA_OPTS="),
                "the image must run with the options its AOT cache was recorded with");
        assertUser(lines);
        assertTrue(lines.contains("EXPOSE 8080 9000"));
        String entrypoint = last(lines, "ENTRYPOINT ");
        assertTrue(entrypoint.startsWith("ENTRYPOINT [") && entrypoint.contains("exec java"), entrypoint);
        assertTrue(Files.exists(Path.of("docker/Dockerfile.jvm.dockerignore")));
    }

    @Test
    void theNativeImageRunsAsNonRootOnAMicroBase() throws IOException {
        List<String> lines = instructions("docker/Dockerfile.native");
        assertTrue(lines.get(0).startsWith("FROM quay.io/quarkus/quarkus-micro-image:"), lines.toString());
        assertUser(lines);
        assertTrue(lines.contains("EXPOSE 8080 9000"));
        assertEquals("ENTRYPOINT [\"/work/application\"]", last(lines, "ENTRYPOINT "));
        assertTrue(Files.readString(Path.of("docker/Dockerfile.native.dockerignore")).contains("!target/*-runner"));
    }

    @Test
    void composeRunsEverythingWithHealthchecksAndNoOrdering() throws IOException {
        JsonNode services = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker/compose.yml").toFile()).get("services");
        for (String name : List.of("postgres", "redis", "perks-service")) {
            assertTrue(services.has(name), name);
            assertTrue(services.get(name).get("healthcheck").get("test").size() > 0, name + " healthcheck");
            assertFalse(services.get(name).has("depends_on"), name + " must not need ordering");
        }
        JsonNode service = services.get("perks-service");
        assertEquals("docker/Dockerfile.jvm", service.get("build").get("dockerfile").asText());
        assertTrue(service.get("healthcheck").get("test").toString().contains("/q/health/ready"));
        assertTrue(service.get("healthcheck").get("test").toString().contains("9000"));
        assertTrue(service.get("environment").get("DATABASE_URL").asText().contains("@postgres:5432/"));
        assertTrue(service.get("environment").get("REDIS_URL").asText().contains("//redis:6379"));
        int grace = Integer.parseInt(service.get("stop_grace_period").asText().replace("s", ""));
        assertTrue(grace > 35, "longer than drain delay + shutdown timeout");
    }

    private static void assertUser(List<String> lines) {
        String user = last(lines, "USER ");
        assertFalse(user.equals("USER root") || user.equals("USER 0"), user);
        assertEquals("USER 185", user);
    }

    private static String last(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).reduce((a, b) -> b).orElseThrow(() -> new AssertionError(prefix));
    }

    /** Instruction lines, without comments and blank lines. */
    private static List<String> instructions(String dockerfile) throws IOException {
        return Files.readAllLines(Path.of(dockerfile)).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
