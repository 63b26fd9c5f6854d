package dev.perks.lifecycle.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * README's variables that have a dev or test default in application.properties, set in their
 * environment form: a profiled value ({@code %test.x=…}) is looked up before the plain variable in
 * every source, so each default must name its variable or the variable is silently ignored. Read
 * as the service reads them: the real application.properties, the profile, and (for the local URLs)
 * through a config-source factory's context, where {@link ConnectionUrlConfigSourceFactory} reads them.
 */
class ProfiledVariablesTest {

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
            "PERKS_LOCAL_DATABASE_URL, test, perks.local.database-url, postgresql://postgres@127.0.0.1:1/elsewhere, postgresql://postgres@localhost:5432/perks_test",
            "PERKS_LOCAL_DATABASE_URL, dev, perks.local.database-url, postgresql://postgres@127.0.0.1:1/elsewhere, postgresql://postgres@localhost:5432/perks_dev",
            "PERKS_LOCAL_REDIS_URL, test, perks.local.redis-url, redis://127.0.0.1:1, redis://localhost:6379",
            "PERKS_LOCAL_REDIS_URL, dev, perks.local.redis-url, redis://127.0.0.1:1, redis://localhost:6379",
            "PERKS_AUTH_BCRYPT_COST, test, perks.auth.bcrypt-cost, 6, 4",
            "PERKS_SHUTDOWN_DRAIN_DELAY, test, quarkus.shutdown.delay, 3s, 0s" })
    void theVariableWinsOverTheProfiledDefault(String variable, String profile, String property, String value,
            String profileDefault) throws IOException {
        assertEquals(profileDefault, read(profile, Map.of(), property));
        assertEquals(value, read(profile, Map.of(variable, value), property));
    }

    /** What a config-source factory sees for {@code property}, with that environment and profile. */
    private static String read(String profile, Map<String, String> environment, String property) throws IOException {
        AtomicReference<String> seen = new AtomicReference<>();
        ConfigSourceFactory observer = context -> {
            seen.set(context.getValue(property).getValue());
            return List.of();
        };
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().withProfile(profile)
                .withSources(new PropertiesConfigSource(
                        ProfiledVariablesTest.class.getClassLoader().getResource("application.properties"), 250))
                .withSources(new EnvConfigSource(environment, 300)).withSources(observer).build();
        assertEquals(seen.get(), config.getRawValue(property), "the factory and the built configuration agree");
        return seen.get();
    }
}
