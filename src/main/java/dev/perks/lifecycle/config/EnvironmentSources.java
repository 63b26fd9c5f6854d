package dev.perks.lifecycle.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.util.Optional;

/**
 * What the service's config-source factories share: where their sources sit, and how they read a
 * value while the configuration is still being built.
 */
public final class EnvironmentSources {

    /**
     * Between application.properties (250) and environment variables (300): the variables these
     * sources translate override the file's defaults, while Quarkus' own {@code QUARKUS_*}
     * variables and system properties still win.
     */
    public static final int ORDINAL = 275;

    private EnvironmentSources() {
    }

    /** The value configured so far under {@code name}, blank counting as absent. */
    public static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return Optional.ofNullable(value == null ? null : value.getValue()).filter(v -> !v.isBlank());
    }
}
