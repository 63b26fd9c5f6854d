package dev.perks.cli;

import dev.perks.lifecycle.config.DatabaseConfig;
import dev.perks.lifecycle.config.RedisConfig;
import dev.perks.lifecycle.schema.MigrationConfig;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.smallrye.config.SmallRyeConfig;

/**
 * The configuration the service itself would see (application.properties, the active profile,
 * environment, the DATABASE_URL/REDIS_URL and JWT key sources), built without booting Quarkus.
 */
final class CommandConfig {

    private CommandConfig() {
    }

    static SmallRyeConfig load() {
        return ConfigUtils.configBuilder()
                .addDiscoveredSources()
                .withMapping(DatabaseConfig.class)
                .withMapping(MigrationConfig.class)
                .withMapping(RedisConfig.class)
                .withValidateUnknown(false)
                .build();
    }

    static boolean isProduction(SmallRyeConfig config) {
        return config.getProfiles().isEmpty() || config.getProfiles().contains("prod");
    }
}
