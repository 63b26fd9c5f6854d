package dev.perks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.testing.FaultProxy;
import dev.perks.testing.PgBouncer;
import dev.perks.testing.ServiceProcess;
import dev.perks.testing.TestDatabases;
import dev.perks.testing.TestKeys;
import dev.perks.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * {@code migrate} and {@code check} run from the packaged jar as an operator (or a Kubernetes Job)
 * runs them: exact lines, exit codes, time bounds, no listening socket, no secret, no stack trace.
 */
class CommandsIT {

    private static final String DATABASE = "perks_it_commands";
    private static final String PASSWORD = "s3cret-cli-pw";
    private static final List<String> ITEMS = List.of("configuration", "database", "schema", "redis");
    private static final Duration CHECK_BOUND = Duration.ofSeconds(15);
    private static Path privateKey;
    private static Path publicKey;

    @BeforeAll
    static void keys() throws Exception {
        KeyPair keys = TestKeys.generate(2048);
        privateKey = TestKeys.file(TestKeys.privatePem(keys));
        publicKey = TestKeys.file(TestKeys.publicPem(keys));
    }

    @AfterAll
    static void deleteKeys() throws Exception {
        Files.deleteIfExists(privateKey);
        Files.deleteIfExists(publicKey);
    }

    @Test
    void checkThenMigrateThenCheckOnAHealthySetup() throws Exception {
        TestDatabases.create(DATABASE);
        Map<String, String> env = environment(TestServers.postgres(), TestServers.redis());

        Run before = run(env, "check");
        assertEquals(1, before.exitCode(), before.output());
        assertEquals("configuration: OK", before.line("configuration"));
        assertTrue(before.line("database").startsWith("database: OK (PostgreSQL "), before.output());
        assertTrue(before.line("schema").startsWith("schema: FAIL (pending: 2 migration(s) to apply"), before.output());
        assertEquals("redis: OK (PONG from " + TestServers.redis() + ")", before.line("redis"));

        Run migrate = run(env, "migrate");
        assertEquals(0, migrate.exitCode(), migrate.output());
        assertTrue(migrate.output().lines().anyMatch("migrate: OK (applied V1 schema, V2 one identity per mailbox; schema at version 2)"::equals),
                migrate.output());
        Run again = run(env, "migrate");
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("migrate: OK (schema already at version 2, nothing to apply)"), again.output());

        Run after = run(env, "check");
        assertEquals(0, after.exitCode(), after.output());
        assertEquals("schema: OK (version 2, as this build ships)", after.line("schema"));
        System.out.printf("[figures] check, healthy (%d ms):%n%s%n", after.millis(), after.lines());
    }

    @Test
    void checkEndsWithinItsBoundWhenEverythingIsSilent() throws Exception {
        try (FaultProxy database = FaultProxy.start(TestServers.HOST, TestServers.postgresPort(), FaultProxy.Mode.BLACKHOLE);
                FaultProxy redis = FaultProxy.start(TestServers.HOST, TestServers.redisPort(), FaultProxy.Mode.BLACKHOLE)) {
            Run check = run(environment("127.0.0.1:" + database.port(), "127.0.0.1:" + redis.port()), "check");

            assertEquals(1, check.exitCode(), check.output());
            assertEquals("configuration: OK", check.line("configuration"));
            assertTrue(check.line("database").startsWith("database: FAIL (timeout"), check.output());
            assertEquals("schema: FAIL (unknown: no database)", check.line("schema"));
            assertEquals("redis: WARN (timeout; optional)", check.line("redis"));
            assertTrue(check.millis() < CHECK_BOUND.toMillis(), "check took " + check.millis() + " ms");
            assertEquals(0, check.listeningSockets(), "a command opened a listening socket");
            System.out.printf("[figures] check, black-holed database and Redis (%d ms):%n%s%n", check.millis(), check.lines());
        }
    }

    @Test
    void checkNamesWhatIsWrongWithTheDatabaseInOneLineEach() throws Exception {
        try (FaultProxy refusing = FaultProxy.start(TestServers.HOST, TestServers.postgresPort(), FaultProxy.Mode.REFUSE)) {
            Run refused = run(environment("127.0.0.1:" + refusing.port(), "127.0.0.1:9"), "check");
            assertTrue(refused.line("database").startsWith("database: FAIL (unreachable: "), refused.output());
            assertEquals("redis: WARN (unreachable; optional)", refused.line("redis"));
            System.out.printf("[figures] check, database refusing (%d ms):%n%s%n", refused.millis(), refused.lines());
        }
        Map<String, String> missingDatabase = environment(TestServers.postgres(), TestServers.redis());
        missingDatabase.put("DATABASE_URL", "postgres://postgres:" + PASSWORD + "@" + TestServers.postgres() + "/perks_no_such_database");
        assertTrue(run(missingDatabase, "check").line("database").startsWith("database: FAIL (database-missing: "));
        Map<String, String> unknownRole = environment(TestServers.postgres(), TestServers.redis());
        unknownRole.put("DATABASE_URL", "postgres://perks_no_such_role:" + PASSWORD + "@" + TestServers.postgres() + "/" + DATABASE);
        assertTrue(run(unknownRole, "check").line("database").startsWith("database: FAIL (auth-failed: "));
        Map<String, String> required = environment(TestServers.postgres(), "127.0.0.1:9");
        required.put("PERKS_REDIS_REQUIRED", "true");
        assertTrue(run(required, "check").line("redis").startsWith("redis: FAIL (unreachable: "));

        Run unconfigured = run(Map.of(), "check");
        assertEquals(1, unconfigured.exitCode());
        assertTrue(unconfigured.line("configuration").startsWith(
                "configuration: FAIL (missing required configuration: DATABASE_URL"), unconfigured.output());
        assertEquals("schema: FAIL (unknown: no database)", unconfigured.line("schema"));
    }

    @Test
    void migrateRetriesAnUnavailableDatabaseUntilItsDeadlineThenNamesTheReason() throws Exception {
        try (FaultProxy refusing = FaultProxy.start(TestServers.HOST, TestServers.postgresPort(), FaultProxy.Mode.REFUSE)) {
            Map<String, String> env = environment("127.0.0.1:" + refusing.port(), TestServers.redis());
            env.put("PERKS_MIGRATION_COMMAND_DEADLINE", "2s");

            Run migrate = run(env, "migrate");

            assertEquals(1, migrate.exitCode(), migrate.output());
            List<String> lines = migrate.output().lines().filter(l -> l.startsWith("migrate: ")).toList();
            assertTrue(lines.size() >= 2 && lines.subList(0, lines.size() - 1).stream()
                    .allMatch(l -> l.startsWith("migrate: waiting (unreachable: ")), migrate.output());
            assertTrue(lines.get(lines.size() - 1).startsWith("migrate: FAIL (unreachable: "), migrate.output());
            assertTrue(migrate.millis() < 6_000, "migrate took " + migrate.millis() + " ms");
        }
    }

    @Test
    @EnabledIf("dev.perks.testing.PgBouncer#isInstalled")
    void behindATransactionPoolerMigrationsTakeTheirOwnConnection() throws Exception {
        TestDatabases.create(DATABASE);
        try (PgBouncer bouncer = PgBouncer.start(2)) {
            Map<String, String> env = environment("127.0.0.1:" + bouncer.port(), TestServers.redis());
            env.put("PERKS_DATABASE_POOLER", "transaction");
            env.put("MIGRATION_DATABASE_URL", "postgres://postgres@" + TestServers.postgres() + "/" + DATABASE);

            Run migrate = run(env, "migrate");
            assertEquals(0, migrate.exitCode(), migrate.output());
            assertTrue(migrate.output().lines().anyMatch("migrate: OK (applied V1 schema, V2 one identity per mailbox; schema at version 2)"::equals),
                    migrate.output());
            Run check = run(env, "check");
            assertEquals(0, check.exitCode(), check.output());
            assertEquals("database: OK (PostgreSQL", check.line("database").substring(0, "database: OK (PostgreSQL".length()));
            assertTrue(check.line("database").contains(":" + bouncer.port() + "/"), "the request path is the pooler: " + check.output());
            assertEquals("schema: OK (version 2, as this build ships)", check.line("schema"));

            // Without a migration URL the schema line still answers, and says what is unsafe and what to set.
            env.remove("MIGRATION_DATABASE_URL");
            Run warned = run(env, "check");
            assertEquals(0, warned.exitCode(), warned.output());
            assertEquals("schema: OK (version 2, as this build ships; migrations go through the transaction pooler, where"
                    + " Flyway's lock and session state are not safe: set MIGRATION_DATABASE_URL to a direct or session-mode"
                    + " connection)", warned.line("schema"));
        }
    }

    private static Map<String, String> environment(String database, String redis) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", "postgres://postgres:" + PASSWORD + "@" + database + "/" + DATABASE);
        env.put("REDIS_URL", "redis://" + redis);
        env.put("JWT_PRIVATE_KEY", privateKey.toString());
        env.put("JWT_PUBLIC_KEY", publicKey.toString());
        env.put("QUARKUS_HTTP_PORT", "18095");
        env.put("QUARKUS_MANAGEMENT_PORT", "19095");
        return env;
    }

    /** What one command printed, how it ended and how long it took; the listening sockets seen while it ran. */
    private record Run(int exitCode, String output, long millis, long listeningSockets) {

        String line(String item) {
            List<String> matching = output.lines().filter(l -> l.startsWith(item + ": ")).toList();
            assertEquals(1, matching.size(), "one line for " + item + " in:\n" + output);
            return matching.get(0);
        }

        String lines() {
            return String.join("\n", ITEMS.stream().map(this::line).toList());
        }
    }

    private static Run run(Map<String, String> env, String command) throws Exception {
        try (ServiceProcess process = ServiceProcess.launch(env, command)) {
            long listening = 0;
            while (process.isAlive() && process.elapsedMillis() < 30_000) {
                listening = Math.max(listening, process.listeningSockets());
                Thread.onSpinWait();
            }
            int exitCode = process.waitForExit(Duration.ofSeconds(30));
            long millis = process.elapsedMillis();
            String output = process.output();
            assertFalse(output.contains(PASSWORD), "a password reached the output:\n" + output);
            assertFalse(output.contains("\tat "), "no stack trace expected:\n" + output);
            if (command.equals("check")) {
                List<String> order = output.lines().map(l -> l.split(":")[0]).filter(ITEMS::contains).toList();
                assertEquals(ITEMS, order, "one line per item, in order:\n" + output);
            }
            return new Run(exitCode, output, millis, listening);
        }
    }
}
