package dev.perks.cli;

import dev.perks.auth.AuthConfig;
import dev.perks.lifecycle.config.DatabaseConfig;
import dev.perks.lifecycle.config.RedisConfig;
import dev.perks.lifecycle.schema.MigrationConfig;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The configuration the service itself would see (application.properties, the active profile,
 * environment, the DATABASE_URL/REDIS_URL and JWT key sources), built without booting Quarkus:
 * for the commands and for the check the entry point makes before the service boots.
 */
final class CommandConfig {

    private CommandConfig() {
    }

    /**
     * With the service's settings read into their mappings, so a value they cannot take fails here.
     *
     * @throws ConfigValidationException naming every such value
     */
    static SmallRyeConfig load() {
        return builder()
                .withMapping(DatabaseConfig.class)
                .withMapping(MigrationConfig.class)
                .withMapping(RedisConfig.class)
                .withMapping(AuthConfig.class)
                .build();
    }

    /** The same sources without the mappings: what is left to inspect when {@link #load()} refused a value. */
    static SmallRyeConfig unmapped() {
        return builder().build();
    }

    private static SmallRyeConfigBuilder builder() {
        return ConfigUtils.configBuilder().addDiscoveredSources().withValidateUnknown(false);
    }
}
