package dev.perks.cli;

import dev.perks.api.Validation;
import dev.perks.auth.JwtKeys;
import dev.perks.auth.RegisterRequest;
import dev.perks.lifecycle.config.DatabaseUrl;
import dev.perks.lifecycle.config.RedisUrl;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.SmallRyeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every configuration problem at once, so an operator fixes them in one round: missing or
 * unparsable connection URLs, unusable JWT keys (they parse, are RSA of 2048 bits or more, and form
 * a pair), an incomplete bootstrap admin, and values the service's settings cannot take (an unknown
 * {@code PERKS_DATABASE_POOLER}, a malformed duration). Each problem names its variable.
 *
 * <p>It runs in the entry point before Quarkus boots ({@link PerksMain}) and is {@code check}'s
 * {@code configuration} line, so the two can never disagree. {@code production} is every launch of
 * the packaged artifact, whatever its profile: only {@code quarkus:dev} and the test suite have
 * local fallbacks, so only they may leave the URLs and keys out.
 */
final class ConfigurationCheck {

    /** The one line the process prints before it exits 1. */
    static final String REFUSAL = "perks-service cannot start: ";
    /** SmallRye names the property in its conversion messages; the operator knows the variable. */
    private static final Pattern PROPERTY_IN_MESSAGE = Pattern.compile("property ([\\w.\\-\"]+)");

    private ConfigurationCheck() {
    }

    /**
     * The configuration as the service would read it, when every setting could be read into its
     * mapping, and every problem found in it.
     */
    record Outcome(Optional<SmallRyeConfig> config, List<String> problems) {
    }

    /** Reads the configuration from its sources (environment, properties, profile) and checks it. */
    static Outcome run(boolean production) {
        try {
            SmallRyeConfig config = CommandConfig.load();
            return new Outcome(Optional.of(config), problems(config, production));
        } catch (ConfigValidationException invalid) {
            List<String> problems = new ArrayList<>(problems(CommandConfig.unmapped(), production));
            problems.addAll(problems(invalid));
            return new Outcome(Optional.empty(), problems);
        }
    }

    /** Problems found while the settings were read into their mappings ({@link CommandConfig#load()}). */
    static List<String> problems(ConfigValidationException invalid) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < invalid.getProblemCount(); i++) {
            String message = invalid.getProblem(i).getMessage();
            Matcher property = PROPERTY_IN_MESSAGE.matcher(message);
            problems.add(property.find() ? environmentName(property.group(1)) + ": " + reason(message)
                    : "invalid setting: " + reason(message));
        }
        return problems;
    }

    static List<String> problems(SmallRyeConfig config, boolean production) {
        List<String> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();

        Optional<String> databaseUrl = value(config, "DATABASE_URL");
        Optional<String> reactiveUrl = value(config, "quarkus.datasource.reactive.url");
        if (databaseUrl.isPresent()) {
            parse(() -> DatabaseUrl.parse(databaseUrl.get()), problems);
        } else if (reactiveUrl.isPresent()) {
            // Flyway's JDBC connection is derived from it, so it must be a URL both clients read alike.
            parse(() -> DatabaseUrl.parse("QUARKUS_DATASOURCE_REACTIVE_URL", reactiveUrl.get()), problems);
        } else if (production) {
            missing.add("DATABASE_URL (or QUARKUS_DATASOURCE_REACTIVE_URL)");
        }
        value(config, "perks.migration.database-url")
                .ifPresent(url -> parse(() -> DatabaseUrl.parse("MIGRATION_DATABASE_URL", url), problems));

        Optional<String> redisUrl = value(config, "REDIS_URL");
        if (redisUrl.isPresent()) {
            parse(() -> RedisUrl.parse(redisUrl.get()), problems);
        } else if (production && value(config, "quarkus.redis.hosts").isEmpty()) {
            missing.add("REDIS_URL (or QUARKUS_REDIS_HOSTS)");
        }

        if (production) {
            if (value(config, "smallrye.jwt.sign.key").isEmpty() && value(config, "smallrye.jwt.sign.key.location").isEmpty()) {
                missing.add("JWT_PRIVATE_KEY");
            }
            if (value(config, "mp.jwt.verify.publickey").isEmpty() && value(config, "mp.jwt.verify.publickey.location").isEmpty()) {
                missing.add("JWT_PUBLIC_KEY");
            }
            problems.addAll(JwtKeys.problems(config));
        }

        Optional<String> adminEmail = value(config, "ADMIN_EMAIL");
        Optional<String> adminPassword = value(config, "ADMIN_PASSWORD");
        if (adminEmail.isPresent() != adminPassword.isPresent()) {
            problems.add("ADMIN_EMAIL and ADMIN_PASSWORD must be set together");
        } else if (adminPassword.isPresent() && (adminPassword.get().length() < RegisterRequest.PASSWORD_MIN_LENGTH
                || adminPassword.get().length() > RegisterRequest.PASSWORD_MAX_LENGTH)) {
            problems.add("ADMIN_PASSWORD must be " + RegisterRequest.PASSWORD_MIN_LENGTH + " to " + RegisterRequest.PASSWORD_MAX_LENGTH
                    + " characters");
        } else if (adminEmail.isPresent() && !Validation.isWellFormedEmail(adminEmail.get().strip())) {
            problems.add("ADMIN_EMAIL is not an email address");
        }

        if (!missing.isEmpty()) {
            problems.add(0, "missing required configuration: " + String.join(", ", missing));
        }
        return problems;
    }

    /** {@code perks.database.pooler} → {@code PERKS_DATABASE_POOLER}, as operators set it. */
    static String environmentName(String property) {
        return property.replace("\"", "").toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** SmallRye's conversion failure without its codes and class names: "Invalid duration: abc". */
    private static String reason(String message) {
        return message.replaceFirst("(?s).*whilst being converted ", "").replaceAll("SRCFG\\d+: ", "")
                .replaceFirst("Cannot convert (.*) to enum class \\S+, allowed values: (.*)", "'$1' is not one of $2")
                .strip();
    }

    private static void parse(Runnable parse, List<String> problems) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    private static Optional<String> value(SmallRyeConfig config, String name) {
        return config.getOptionalValue(name, String.class).filter(v -> !v.isBlank());
    }
}
