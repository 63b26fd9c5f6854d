package dev.perks.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.UUID;

/**
 * Production configuration for the packaged application that {@code @QuarkusIntegrationTest}
 * launches: a fresh, empty database of its own (provisioned, as production databases are), the test Redis, a real key pair in files and a bootstrap
 * admin, all as an operator would pass them.
 */
public class WorkloadResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "perks_it_workload";
    public static final String ADMIN_EMAIL = "workload.admin@perks.test";
    public static final String ADMIN_PASSWORD = "workload-Adm1n-pass";

    private Path privateKey;
    private Path publicKey;

    @Override
    public Map<String, String> start() {
        TestDatabases.create(DATABASE); // the packaged application never creates its database
        KeyPair keys = TestKeys.generate(2048);
        try {
            privateKey = TestKeys.file(TestKeys.privatePem(keys));
            publicKey = TestKeys.file(TestKeys.publicPem(keys));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.ofEntries(
                // Quarkus' JWT test support hands launched applications an issuer of its own.
                Map.entry("mp.jwt.verify.issuer", "perks-service"),
                Map.entry("DATABASE_URL", "postgres://postgres@" + TestServers.postgres() + "/" + DATABASE),
                Map.entry("REDIS_URL", "redis://" + TestServers.redis()),
                Map.entry("JWT_PRIVATE_KEY", privateKey.toString()),
                Map.entry("JWT_PUBLIC_KEY", publicKey.toString()),
                Map.entry("ADMIN_EMAIL", ADMIN_EMAIL),
                Map.entry("ADMIN_PASSWORD", ADMIN_PASSWORD),
                Map.entry("perks.auth.throttle.key-prefix", "perks-test:" + UUID.randomUUID() + ":"),
                Map.entry("perks.shutdown.drain-delay", "0s"));
    }

    @Override
    public void stop() {
        try {
            Files.deleteIfExists(privateKey);
            Files.deleteIfExists(publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
