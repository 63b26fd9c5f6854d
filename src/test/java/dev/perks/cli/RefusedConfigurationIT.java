package dev.perks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.testing.ServiceProcess;
import dev.perks.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged artifact refuses configuration it cannot run with before Quarkus boots: exit 1, one
 * line naming every problem and its variable, no stack trace, no key material, and no boot at all
 * (so no port). It does so whatever profile it is started with: the dev and test fallbacks (local
 * servers, generated keys, demo data) belong to {@code quarkus:dev} and the test suite.
 */
class RefusedConfigurationIT {

    private static final KeyPair KEYS = TestKeys.generate(2048);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> EVERY_REQUIRED_VARIABLE = List.of("DATABASE_URL", "REDIS_URL", "JWT_PRIVATE_KEY",
            "JWT_PUBLIC_KEY");

    @Test
    void nothingConfiguredNamesEveryMissingVariable() throws Exception {
        assertRefused(Map.of(), EVERY_REQUIRED_VARIABLE.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "test" })
    void aDevOrTestProfileGivesThePackagedJarNoFallback(String profile) throws Exception {
        String output = assertRefused(Map.of("QUARKUS_PROFILE", profile), EVERY_REQUIRED_VARIABLE.toArray(String[]::new));
        assertFalse(output.contains("embedded"), "no embedded server may start:\n" + output);
        assertFalse(output.contains("the local server"), "no local server may be chosen:\n" + output);
    }

    @Test
    void unusableValuesAreNamedTogether() throws Exception {
        Map<String, String> environment = usableKeys();
        environment.put("DATABASE_URL", "mysql://app@127.0.0.1:3306/perks");
        environment.put("REDIS_URL", "http://127.0.0.1:6379");
        environment.put("PERKS_DATABASE_POOLER", "sometimes");
        environment.put("ADMIN_EMAIL", "ops@perks.test");
        assertRefused(environment, "DATABASE_URL", "REDIS_URL", "PERKS_DATABASE_POOLER: 'sometimes' is not one of none,transaction",
                "ADMIN_EMAIL and ADMIN_PASSWORD must be set together");
    }

    @Test
    void unusableJwtKeysAreNamed() throws Exception {
        KeyPair other = TestKeys.generate(2048);
        KeyPair weak = TestKeys.generate(1024);
        Path garbage = TestKeys.file("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        Path missing = Path.of("/nonexistent/perks/public.pem");
        try {
            assertRefused(withKeys(garbage.toString(), missing.toString()), "JWT_PRIVATE_KEY: not a PEM private RSA key",
                    "JWT_PUBLIC_KEY: no such file " + missing);
            assertRefused(withKeys(TestKeys.privatePem(KEYS), TestKeys.publicPem(other)),
                    "JWT_PRIVATE_KEY and JWT_PUBLIC_KEY do not form a key pair");
            assertRefused(withKeys(TestKeys.privatePem(weak), TestKeys.publicPem(weak)),
                    "JWT_PRIVATE_KEY: RSA key of 1024 bits", "JWT_PUBLIC_KEY: RSA key of 1024 bits");
        } finally {
            Files.deleteIfExists(garbage);
        }
    }

    private static Map<String, String> usableKeys() {
        return withKeys(TestKeys.privatePem(KEYS), TestKeys.publicPem(KEYS));
    }

    private static Map<String, String> withKeys(String privateKey, String publicKey) {
        Map<String, String> environment = new HashMap<>();
        environment.put("DATABASE_URL", "postgres://postgres@127.0.0.1:9/perks");
        environment.put("REDIS_URL", "redis://127.0.0.1:9");
        environment.put("JWT_PRIVATE_KEY", privateKey);
        environment.put("JWT_PUBLIC_KEY", publicKey);
        return environment;
    }

    /** Launches the jar, asserts it refused to start naming each of {@code expected}, returns its output. */
    private static String assertRefused(Map<String, String> environment, String... expected) throws Exception {
        try (ServiceProcess service = ServiceProcess.launch(environment)) {
            int exitCode = service.waitForExit(EXIT_TIMEOUT);
            String output = service.output();
            System.out.printf("[figures] refused configuration (%s): exit %d after %d ms%n", expected[0], exitCode,
                    service.elapsedMillis());

            assertEquals(1, exitCode, output);
            List<String> refusals = output.lines().filter(line -> line.startsWith("perks-service cannot start: ")).toList();
            assertEquals(1, refusals.size(), "one line names every problem:\n" + output);
            for (String problem : expected) {
                assertTrue(refusals.get(0).contains(problem), "'" + problem + "' not in: " + refusals.get(0));
            }
            assertFalse(output.contains("\tat "), "no stack trace expected:\n" + output);
            // Quarkus never booted: it logs its installed features (and opens its ports) only when it does.
            assertFalse(output.contains("Installed features") || output.contains("Listening on"),
                    "the service booted:\n" + output);
            String privateKey = environment.getOrDefault("JWT_PRIVATE_KEY", "");
            if (privateKey.contains("-----BEGIN")) {
                assertFalse(output.contains(privateKey.lines().skip(1).findFirst().orElseThrow()), "key material reached the output");
            }
            assertFalse(output.contains("bm90IGEga2V5"), "key material reached the output");
            return output;
        }
    }
}
