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
import org.junit.jupiter.api.io.TempDir;

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
        // The whole directory, so the build works with or without a recorded AOT cache.
        assertTrue(lines.contains("COPY --chown=185 target/quarkus-app/ ./"), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("COPY") && l.contains("app.aot")), "app.aot is optional");
        assertEquals("ENV JAVA_OPTS=\"" + imageJavaOptions() + "\"", last(lines, "ENV JAVA_OPTS="),
                "the image must run with the options its AOT cache was recorded with");
        assertTrue(imageJavaOptions().contains("-XX:+ExitOnOutOfMemoryError"), "a JVM out of memory exits and is restarted");
        assertUser(lines);
        assertTrue(lines.contains("EXPOSE 8080 9000"));
        assertEquals("ENTRYPOINT [\"/deployments/run-java.sh\"]", last(lines, "ENTRYPOINT "));
        assertTrue(lines.contains("COPY --chown=185 --chmod=0755 docker/run-java.sh ./run-java.sh"));
        String ignore = Files.readString(Path.of("docker/Dockerfile.jvm.dockerignore"));
        assertTrue(ignore.contains("!target/quarkus-app/") && ignore.contains("!docker/run-java.sh"), ignore);
    }

    @Test
    void theNativeImageRunsAsNonRootOnAMicroBase() throws IOException {
        List<String> lines = instructions("docker/Dockerfile.native");
        // UBI 9, as the builder (NativeImageTest): UBI 8's quarkus-micro-image lacks glibc 2.34.
        assertEquals("FROM quay.io/quarkus/ubi9-quarkus-micro-image:2.0", lines.get(0));
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
        for (String name : List.of("postgres", "redis", "perks-service")) {
            assertEquals("unless-stopped", services.get(name).path("restart").asText(), name + " restarts");
        }
        // The database the service's URL names is created by the postgres service (production
        // never creates databases), and postgres is healthy only once that database answers.
        String database = service.get("environment").get("DATABASE_URL").asText().replaceFirst(".*/", "");
        JsonNode postgres = services.get("postgres");
        assertEquals(database, postgres.get("environment").get("POSTGRES_DB").asText());
        assertTrue(postgres.get("healthcheck").get("test").toString().contains("\"-d\",\"" + database + "\""),
                postgres.get("healthcheck").toString());
    }

    @Test
    void theEntrypointUsesTheAotCacheOnlyWhenPresentAndThePodsCpuCount(@TempDir Path app) throws Exception {
        Path script = app.resolve("run-java.sh");
        Files.copy(Path.of("docker/run-java.sh"), script);
        script.toFile().setExecutable(true);
        Path bin = Files.createDirectory(app.resolve("bin"));
        Path java = bin.resolve("java");
        // A stand-in java that prints the command line it was given.
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        java.toFile().setExecutable(true);

        List<String> withoutCache = run(script, bin, null, "migrate");
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx128m", "-jar", app.toRealPath() + "/quarkus-run.jar", "migrate"),
                withoutCache);

        Files.writeString(app.resolve("app.aot"), "");
        List<String> withCache = run(script, bin, "2");
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx128m", "-XX:ActiveProcessorCount=2",
                "-XX:AOTCache=" + app.toRealPath() + "/app.aot", "-jar", app.toRealPath() + "/quarkus-run.jar"), withCache);

        assertFalse(run(script, bin, "250m").stream().anyMatch(arg -> arg.startsWith("-XX:ActiveProcessorCount")),
                "a value that is not a whole count is ignored");
    }

    private static List<String> run(Path script, Path bin, String cpus, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("sh", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        builder.environment().put("JAVA_OPTS", "-XX:+UseSerialGC -Xmx128m");
        if (cpus == null) {
            builder.environment().remove("JAVA_ACTIVE_PROCESSOR_COUNT");
        } else {
            builder.environment().put("JAVA_ACTIVE_PROCESSOR_COUNT", cpus);
        }
        Process process = builder.start();
        List<String> printed = new String(process.getInputStream().readAllBytes()).lines().toList();
        assertTrue(process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        return printed;
    }

    private static String imageJavaOptions() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        return pom.substring(pom.indexOf("<image.java.options>") + "<image.java.options>".length(),
                pom.indexOf("</image.java.options>"));
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
