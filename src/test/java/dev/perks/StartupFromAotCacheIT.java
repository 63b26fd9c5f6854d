package dev.perks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.perks.testing.FaultProxy;
import dev.perks.testing.ServiceProcess;
import dev.perks.testing.TestDatabases;
import dev.perks.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The start-up the container image ships: JDK 25 with the AOT cache Quarkus recorded while
 * {@link ApiWorkloadIT} drove the packaged application ({@code ./mvnw verify -Paot}, which runs
 * this class after it), with the image's JVM options. Measures launch → live with
 * the database refusing, database open → ready (on an empty database, migrations included, then
 * with the schema current) and launch → ready with the schema current, and prints the figures. Skipped without that cache (a plain {@code ./mvnw verify}) or a JDK 25.
 */
class StartupFromAotCacheIT {

    /** The options the cache was recorded with (pom.xml, image.java.options): any other GC, say, and it is refused. */
    private static final List<String> JAVA_OPTS = List.of(System.getProperty("image.java.options", "").trim().split("\\s+"));
    private static final int HTTP_PORT = 18090;
    private static final int MANAGEMENT_PORT = 19010;
    private static final String DATABASE = "perks_it_aot";
    private static final int ROUNDS = 3;
    private static final java.security.KeyPair KEYS = dev.perks.testing.TestKeys.generate(2048);
    /** PEM text: the service checks its keys at start-up, so training and launches need a real pair. */
    private static final String KEYS_PRIVATE = dev.perks.testing.TestKeys.privatePem(KEYS);
    private static final String KEYS_PUBLIC = dev.perks.testing.TestKeys.publicPem(KEYS);

    @Test
    void startsWithinTheBudgetFromItsAotCache() throws Exception {
        Optional<Path> jdk = jdk25();
        assumeTrue(jdk.isPresent(), "no JDK 25 or newer on this machine");
        assumeTrue(!ServiceProcess.isNative(), "the native executable has no JVM cache to record");
        String java = jdk.get().resolve("bin/java").toString();
        Path cache = Path.of(System.getProperty("perks.jar")).getParent().resolve("app.aot");
        assumeTrue(Files.isRegularFile(cache), "no AOT cache: run ./mvnw verify -Paot");
        TestDatabases.drop(DATABASE);
        try (FaultProxy proxy = FaultProxy.start(TestServers.HOST, TestServers.postgresPort(), FaultProxy.Mode.REFUSE)) {
            List<String> withCache = new ArrayList<>(List.of(java, "-XX:AOTCache=" + cache));
            withCache.addAll(JAVA_OPTS);
            List<String> withoutCache = new ArrayList<>(List.of(java));
            withoutCache.addAll(JAVA_OPTS);

            // Launch → live with the database refusing, interleaved with the same JVM without a cache.
            List<Long> cached = new ArrayList<>();
            List<Long> uncached = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                cached.add(launchToLive(withCache, proxy));
                uncached.add(launchToLive(withoutCache, proxy));
            }

            // Database opens → ready: first on an empty database (V1 applied), then with the schema current.
            TestDatabases.create(DATABASE);
            List<Long> openToReady = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                proxy.mode(FaultProxy.Mode.REFUSE);
                try (ServiceProcess service = ServiceProcess.launch(withCache, environment(proxy))) {
                    awaitStatus("/live", 200);
                    proxy.mode(FaultProxy.Mode.PASS);
                    long opened = System.nanoTime();
                    awaitStatus("/ready", 200);
                    openToReady.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened));
                    stop(service);
                }
            }

            // Schema current → launch → ready.
            List<Long> launchToReady = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                try (ServiceProcess service = ServiceProcess.launch(withCache, environment(proxy))) {
                    awaitStatus("/ready", 200);
                    launchToReady.add(service.elapsedMillis());
                    stop(service);
                }
            }

            System.out.printf("[figures] JDK 25 + AOT cache: launch -> live median %d ms %s (same JDK without cache: %d ms %s);"
                    + " database open -> ready %d ms migrating V1, then %s with the schema current;"
                    + " schema current, launch -> ready median %d ms %s%n",
                    median(cached), cached, median(uncached), uncached, openToReady.get(0), openToReady.subList(1, ROUNDS),
                    median(launchToReady), launchToReady);
            assertTrue(median(cached) < 10_000, "live after " + cached);
            assertTrue(openToReady.stream().allMatch(millis -> millis < 5_000), "ready after the database opened: " + openToReady);
        }
    }

    private static long launchToLive(List<String> java, FaultProxy proxy) throws Exception {
        try (ServiceProcess service = ServiceProcess.launch(java, environment(proxy))) {
            awaitStatus("/live", 200);
            long millis = service.elapsedMillis();
            String output = stop(service);
            assertFalse(output.contains("Unable to use AOT cache") || output.contains("[aot][warning]"),
                    "the JVM refused the cache:\n" + output);
            return millis;
        }
    }

    private static Map<String, String> environment(FaultProxy proxy) {
        return Map.of(
                "DATABASE_URL", "postgres://postgres@127.0.0.1:" + proxy.port() + "/" + DATABASE,
                "REDIS_URL", "redis://" + TestServers.redis(),
                "JWT_PRIVATE_KEY", KEYS_PRIVATE,
                "JWT_PUBLIC_KEY", KEYS_PUBLIC,
                "QUARKUS_HTTP_PORT", String.valueOf(HTTP_PORT),
                "QUARKUS_MANAGEMENT_PORT", String.valueOf(MANAGEMENT_PORT),
                "PERKS_SHUTDOWN_DRAIN_DELAY", "0s");
    }

    private static void awaitStatus(String health, int status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> ServiceProcess.status("http://127.0.0.1:" + MANAGEMENT_PORT + "/q/health" + health) == status);
    }

    private static String stop(ServiceProcess service) throws Exception {
        service.terminate();
        int exitCode = service.waitForExit(Duration.ofSeconds(20));
        assertTrue(exitCode == 0 || exitCode == 143, "exit code " + exitCode);
        return service.output();
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    /** A JDK 25 or newer: the one named by -Dperks.aot.jdk, else any under /usr/lib/jvm. */
    private static Optional<Path> jdk25() throws IOException {
        String configured = System.getProperty("perks.aot.jdk");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> candidates = Files.list(jvms)) {
            return candidates.filter(StartupFromAotCacheIT::isAtLeast25).sorted().findFirst();
        }
    }

    private static boolean isAtLeast25(Path jdk) {
        Path release = jdk.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(jdk.resolve("bin/java"))) {
            return false;
        }
        try {
            return Files.readAllLines(release).stream()
                    .filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> line.replaceAll("[^0-9.]", "").split("\\.")[0])
                    .anyMatch(major -> !major.isEmpty() && Integer.parseInt(major) >= 25);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }
}
