package dev.perks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.auth.AuthConfig;
import dev.perks.auth.JwtKeyConfigSourceFactory;
import dev.perks.health.EventLoopHealthCheck.LivenessConfig;
import dev.perks.lifecycle.config.ConnectionUrlConfigSourceFactory;
import dev.perks.lifecycle.config.DatabaseConfig;
import dev.perks.lifecycle.config.DatabaseConfig.Pooler;
import dev.perks.lifecycle.config.RedisConfig;
import dev.perks.lifecycle.schema.MigrationConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every variable README documents for the service, set in its environment form, changes the setting
 * the service reads: in production and in the dev and test profiles, through the real
 * application.properties (where a profiled default would otherwise hide the variable), the
 * service's config-source factories and its {@code @ConfigMapping} interfaces. What a setting then
 * does is tested where it acts; {@code DocumentedVariablesIT} sets the ones a client can see on the
 * packaged jar and watches the behaviour.
 */
class DocumentedVariablesTest {

    /** Always set, so that no profile looks for local or embedded servers or generates keys. */
    private static final Map<String, String> BASE = Map.of(
            "DATABASE_URL", "postgresql://base@base-db:5432/base",
            "REDIS_URL", "redis://base-cache:6379",
            "JWT_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----\\nbase\\n-----END PRIVATE KEY-----",
            "JWT_PUBLIC_KEY", "-----BEGIN PUBLIC KEY-----\\nbase\\n-----END PUBLIC KEY-----");

    /** Named in README, set on the packaged jar by the test that names them, not here. */
    private static final Map<String, String> TESTED_ON_THE_JAR = Map.of(
            "QUARKUS_PROFILE", "RefusedConfigurationIT: the jar refuses to start without configuration in every profile");

    private static final List<String> PROFILES = List.of("prod", "dev", "test");

    /** A variable, a value README allows, and what the service then reads. */
    private record Setting(String variable, String value, Object expected, Function<SmallRyeConfig, Object> read) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("DATABASE_URL", "postgres://app:s%40cret@db_host:6543/perks?sslmode=require",
                    "postgresql://db_host:6543/perks?sslmode=require|app|s@cret|true",
                    c -> raw(c, "quarkus.datasource.reactive.url") + "|" + raw(c, "quarkus.datasource.username") + "|"
                            + raw(c, "quarkus.datasource.password") + "|" + raw(c, "quarkus.datasource.reactive.trust-all")),
            new Setting("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://quarkus-db:5433/own", "postgresql://quarkus-db:5433/own",
                    c -> raw(c, "quarkus.datasource.reactive.url")),
            new Setting("REDIS_URL", "rediss://:pw@cache:6390/2", "rediss://:pw@cache:6390/2", c -> raw(c, "quarkus.redis.hosts")),
            new Setting("QUARKUS_REDIS_HOSTS", "redis://quarkus-cache:6391", "redis://quarkus-cache:6391",
                    c -> raw(c, "quarkus.redis.hosts")),
            new Setting("JWT_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----\\nset\\n-----END PRIVATE KEY-----",
                    "-----BEGIN PRIVATE KEY-----\nset\n-----END PRIVATE KEY-----", c -> raw(c, "smallrye.jwt.sign.key")),
            new Setting("JWT_PUBLIC_KEY", "/run/secrets/jwt-public.pem", "/run/secrets/jwt-public.pem",
                    c -> raw(c, "mp.jwt.verify.publickey.location")),
            new Setting("ADMIN_EMAIL", "ops@example.com", Optional.of("ops@example.com"),
                    c -> auth(c).bootstrapAdmin().email()),
            new Setting("ADMIN_PASSWORD", "an-admin-pass", Optional.of("an-admin-pass"),
                    c -> auth(c).bootstrapAdmin().password()),
            new Setting("PERKS_AUTH_ISSUER", "https://perks.example.com", "https://perks.example.com|https://perks.example.com",
                    c -> auth(c).issuer() + "|" + raw(c, "mp.jwt.verify.issuer")),
            new Setting("PERKS_AUTH_TOKEN_LIFETIME", "7m", Duration.ofMinutes(7), c -> auth(c).tokenLifetime()),
            new Setting("PERKS_AUTH_BCRYPT_COST", "12", 12, c -> auth(c).bcryptCost()),
            new Setting("PERKS_AUTH_THROTTLE_MAX_FAILURES_PER_EMAIL", "3", 3, c -> auth(c).throttle().maxFailuresPerEmail()),
            new Setting("PERKS_AUTH_THROTTLE_MAX_FAILURES_PER_ADDRESS", "40", 40,
                    c -> auth(c).throttle().maxFailuresPerAddress()),
            new Setting("PERKS_AUTH_THROTTLE_WINDOW", "5m", Duration.ofMinutes(5), c -> auth(c).throttle().window()),
            new Setting("PERKS_AUTH_THROTTLE_MAX_REGISTRATIONS_PER_ADDRESS", "7", 7,
                    c -> auth(c).throttle().maxRegistrationsPerAddress()),
            new Setting("PERKS_AUTH_THROTTLE_REGISTRATION_WINDOW", "2h", Duration.ofHours(2),
                    c -> auth(c).throttle().registrationWindow()),
            new Setting("PERKS_AUTH_THROTTLE_REDIS_TIMEOUT", "300ms", Duration.ofMillis(300),
                    c -> auth(c).throttle().redisTimeout()),
            new Setting("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true", "true",
                    c -> raw(c, "quarkus.http.proxy.proxy-address-forwarding")),
            new Setting("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true", "true",
                    c -> raw(c, "quarkus.http.proxy.allow-x-forwarded")),
            new Setting("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "10.0.0.0/8", "10.0.0.0/8",
                    c -> raw(c, "quarkus.http.proxy.trusted-proxies")),
            new Setting("PORT", "3000", "3000", c -> raw(c, "quarkus.http.port")),
            new Setting("QUARKUS_MANAGEMENT_PORT", "9100", "9100", c -> raw(c, "quarkus.management.port")),
            new Setting("PERKS_REDIS_REQUIRED", "true", "true|true", c -> c.getConfigMapping(RedisConfig.class).required()
                    + "|" + raw(c, "quarkus.smallrye-health.check.\"dev.perks.health.RedisReadinessCheck\".enabled")),
            new Setting("PERKS_DATABASE_CONNECT_TIMEOUT", "3s", Duration.ofSeconds(3), c -> database(c).connectTimeout()),
            new Setting("PERKS_DATABASE_MAX_WAIT_QUEUE", "64", 64, c -> database(c).maxWaitQueue()),
            new Setting("PERKS_DATABASE_REQUEST_TIMEOUT", "4s", Duration.ofSeconds(4), c -> database(c).requestTimeout()),
            new Setting("PERKS_DATABASE_PROBE_INTERVAL", "5s", Duration.ofSeconds(5), c -> database(c).probeInterval()),
            new Setting("PERKS_DATABASE_PROBE_RETRY_INTERVAL", "100ms", Duration.ofMillis(100),
                    c -> database(c).probeRetryInterval()),
            new Setting("PERKS_DATABASE_PROBE_TIMEOUT", "700ms", Duration.ofMillis(700), c -> database(c).probeTimeout()),
            new Setting("PERKS_DATABASE_COMMIT_TIMEOUT", "9s", Duration.ofSeconds(9), c -> database(c).commitTimeout()),
            new Setting("PERKS_DATABASE_POOLER", "transaction", Pooler.TRANSACTION, c -> database(c).pooler()),
            new Setting("PERKS_DATABASE_APPLICATION_NAME", "perks-blue", "perks-blue", c -> database(c).applicationName()),
            new Setting("MIGRATION_DATABASE_URL", "postgres://owner@primary:5432/perks", Optional.of("postgres://owner@primary:5432/perks"),
                    c -> migration(c).databaseUrl()),
            new Setting("PERKS_LOCAL_DATABASE_URL", "postgresql://postgres@127.0.0.1:15432/mine",
                    "postgresql://postgres@127.0.0.1:15432/mine", c -> raw(c, "perks.local.database-url")),
            new Setting("PERKS_LOCAL_REDIS_URL", "redis://127.0.0.1:16379", "redis://127.0.0.1:16379",
                    c -> raw(c, "perks.local.redis-url")),
            new Setting("PERKS_LOCAL_EMBEDDED", "false", "false", c -> raw(c, "perks.local.embedded")),
            new Setting("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE", "12", "12", c -> raw(c, "quarkus.datasource.reactive.max-size")),
            new Setting("PERKS_MIGRATION_AT_START", "false", false, c -> migration(c).atStart()),
            new Setting("PERKS_MIGRATION_INITIAL_BACKOFF", "1s", Duration.ofSeconds(1), c -> migration(c).initialBackoff()),
            new Setting("PERKS_MIGRATION_MAX_BACKOFF", "10s", Duration.ofSeconds(10), c -> migration(c).maxBackoff()),
            new Setting("PERKS_MIGRATION_JITTER", "0.5", 0.5, c -> migration(c).jitter()),
            new Setting("PERKS_MIGRATION_MAX_ATTEMPTS", "4", OptionalInt.of(4), c -> migration(c).maxAttempts()),
            new Setting("PERKS_MIGRATION_COMMAND_DEADLINE", "45s", Duration.ofSeconds(45), c -> migration(c).commandDeadline()),
            new Setting("PERKS_SHUTDOWN_DRAIN_DELAY", "12s", "12s", c -> raw(c, "quarkus.shutdown.delay")),
            new Setting("PERKS_SHUTDOWN_TIMEOUT", "50s", "50s", c -> raw(c, "quarkus.shutdown.timeout")),
            new Setting("PERKS_LIVENESS_MAX_EVENT_LOOP_STALL", "20s", Duration.ofSeconds(20),
                    c -> c.getConfigMapping(LivenessConfig.class).maxEventLoopStall()));

    static Stream<Arguments> settingsInEveryProfile() {
        return SETTINGS.stream().flatMap(s -> PROFILES.stream().map(profile -> Arguments.of(s.variable(), profile, s)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("settingsInEveryProfile")
    void theVariableChangesWhatTheServiceReads(String variable, String profile, Setting setting) throws IOException {
        Object without = setting.read().apply(configuration(profile, Map.of()));
        assertNotEquals(setting.expected(), without, "the value chosen for " + variable + " must differ from its default");
        assertEquals(setting.expected(), setting.read().apply(configuration(profile, Map.of(variable, setting.value()))));
    }

    @Test
    void everyVariableReadmeDocumentsIsSetHere() throws IOException {
        Set<String> documented = documentedVariables(Files.readString(Path.of("README.md")));
        assertTrue(documented.size() > 30, "README's configuration table was not found: " + documented);
        Set<String> covered = new TreeSet<>(TESTED_ON_THE_JAR.keySet());
        SETTINGS.forEach(s -> covered.add(s.variable()));
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(covered);
        assertEquals(Set.of(), missing, "documented in README but not set by this test");
    }

    /**
     * The first column of README's configuration table (full names only: a shortened name could not
     * be pasted), and every {@code PERKS_*} or {@code QUARKUS_*} variable named anywhere else in it.
     */
    static Set<String> documentedVariables(String readme) {
        Set<String> names = new TreeSet<>();
        String configuration = readme.substring(readme.indexOf("\n## Configuration"));
        configuration = configuration.substring(0, configuration.indexOf("\n## ", 1));
        for (String line : configuration.split("\n")) {
            if (line.startsWith("| `")) {
                Matcher name = Pattern.compile("`([A-Z][A-Z0-9_]*)`").matcher(line.split("\\|")[1]);
                while (name.find()) {
                    names.add(name.group(1));
                }
            }
        }
        Matcher named = Pattern.compile("\\b(?:PERKS|QUARKUS)(?:_[A-Z0-9]+)+\\b").matcher(readme);
        while (named.find()) {
            names.add(named.group());
        }
        return names;
    }

    /** The service's configuration with this environment, built as the application builds it. */
    private static SmallRyeConfig configuration(String profile, Map<String, String> variables) throws IOException {
        Map<String, String> environment = new HashMap<>(BASE);
        environment.putAll(variables);
        return new SmallRyeConfigBuilder().addDefaultInterceptors().withProfile(profile)
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus' "5s" form
                .withSources(new PropertiesConfigSource(
                        DocumentedVariablesTest.class.getClassLoader().getResource("application.properties"), 250))
                .withSources(new EnvConfigSource(environment, 300))
                .withSources(new ConnectionUrlConfigSourceFactory())
                .withSources(new JwtKeyConfigSourceFactory())
                .withMapping(AuthConfig.class).withMapping(DatabaseConfig.class).withMapping(MigrationConfig.class)
                .withMapping(RedisConfig.class).withMapping(LivenessConfig.class)
                .withValidateUnknown(false).build();
    }

    private static String raw(SmallRyeConfig config, String property) {
        return config.getRawValue(property);
    }

    private static AuthConfig auth(SmallRyeConfig config) {
        return config.getConfigMapping(AuthConfig.class);
    }

    private static DatabaseConfig database(SmallRyeConfig config) {
        return config.getConfigMapping(DatabaseConfig.class);
    }

    private static MigrationConfig migration(SmallRyeConfig config) {
        return config.getConfigMapping(MigrationConfig.class);
    }
}
