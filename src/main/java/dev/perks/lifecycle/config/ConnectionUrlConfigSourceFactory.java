package dev.perks.lifecycle.config;

import static dev.perks.lifecycle.config.EnvironmentSources.value;

import dev.perks.lifecycle.local.LocalServers;
import dev.perks.lifecycle.local.LocalServers.Address;
import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns the PaaS-style {@code DATABASE_URL} and {@code REDIS_URL} into the Quarkus properties the
 * reactive pool and the Redis client read. Flyway derives its JDBC URL from the same reactive URL
 * (JdbcTarget), so every consumer sees one resolved value. In dev and test, with no URL configured,
 * {@link LocalServers} picks the local server or an embedded one ({@code perks.local.*}).
 *
 * <p>The source sits between application.properties (250) and environment variables (300): the
 * URLs override the dev/test defaults, while Quarkus' own {@code QUARKUS_DATASOURCE_*} and
 * {@code QUARKUS_REDIS_*} variables (and system properties) still win. An unparsable URL produces
 * nothing here (and keeps Hibernate from starting without a datasource); the entry point's
 * configuration check reports it, naming the variable, before Quarkus boots.
 */
public class ConnectionUrlConfigSourceFactory implements ConfigSourceFactory {

    static final String NAME = "PaaS connection URLs (DATABASE_URL, REDIS_URL)";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> properties = new HashMap<>();
        // Local defaults only when the application runs: at build time (mode UNSET) whatever this
        // returns is recorded as a default, which would then look like a configured URL. And only
        // under quarkus:dev or the test suite: the packaged artifact never falls back, whatever
        // profile it is started with.
        boolean running = ExecutionMode.current() != ExecutionMode.UNSET;
        boolean local = running && LaunchMode.current().isDevOrTest();
        boolean embeddedAllowed = value(context, "perks.local.embedded").map(Boolean::parseBoolean).orElse(true);

        Optional<DatabaseUrl> database = value(context, "DATABASE_URL").flatMap(url -> quietly(() -> DatabaseUrl.parse(url)));
        if (database.isEmpty() && local && value(context, "quarkus.datasource.reactive.url").isEmpty()) {
            database = value(context, "perks.local.database-url")
                    .flatMap(url -> quietly(() -> DatabaseUrl.parse("perks.local.database-url", url)))
                    .map(url -> {
                        Address used = LocalServers.database(new Address(url.host(), url.port()), embeddedAllowed);
                        return url.withServer(used.host(), used.port());
                    });
        }
        database.ifPresent(url -> {
            properties.put("quarkus.datasource.reactive.url", url.reactiveUrl());
            url.username().ifPresent(user -> properties.put("quarkus.datasource.username", user));
            url.password().ifPresent(password -> properties.put("quarkus.datasource.password", password));
            if (url.encryptsWithoutVerifying()) {
                properties.put("quarkus.datasource.reactive.trust-all", "true");
            }
        });
        // No usable database URL (dev and test only: production stopped before boot): Hibernate
        // must not fail with a stack trace of its own; readiness says what is missing.
        if (running && database.isEmpty() && value(context, "quarkus.datasource.reactive.url").isEmpty()) {
            properties.put("quarkus.hibernate-orm.active", "false");
        }

        Optional<RedisUrl> redis = value(context, "REDIS_URL").flatMap(url -> quietly(() -> RedisUrl.parse(url)));
        if (redis.isEmpty() && local && value(context, "quarkus.redis.hosts").isEmpty()) {
            redis = value(context, "perks.local.redis-url")
                    .flatMap(url -> quietly(() -> RedisUrl.parse("perks.local.redis-url", url)))
                    .map(url -> {
                        Address used = LocalServers.redis(new Address(url.host(), url.port()), embeddedAllowed);
                        return url.withServer(used.host(), used.port());
                    });
        }
        redis.ifPresent(url -> properties.put("quarkus.redis.hosts", url.clientUrl()));
        return List.of(new MapBackedConfigSource(NAME, properties, EnvironmentSources.ORDINAL) {
        });
    }

    /** Unusable URLs produce nothing here; the configuration check reports them, naming the variable. */
    private static <T> Optional<T> quietly(java.util.function.Supplier<T> parse) {
        try {
            return Optional.of(parse.get());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
