package dev.perks.lifecycle.config;

import dev.perks.api.Validation;
import dev.perks.auth.JwtKeys;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Configuration errors are the one thing that should crash: this runs before anything else
 * observes start-up and, in production, refuses to go on without a database, Redis or usable JWT
 * keys (they parse, are RSA of 2048 bits or more, and form a pair), naming every problem in one
 * message. Quarkus prints a {@link ConfigurationException}
 * as that one line, without a stack trace, and exits 1. There is no fallback to localhost.
 */
@Singleton
public class StartupGuard {

    private final Config config;

    public StartupGuard(Config config) {
        this.config = config;
    }

    void check(@Observes @Priority(1) StartupEvent event) {
        List<String> problems = problems(LaunchMode.current() == LaunchMode.NORMAL);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("perks-service cannot start: " + String.join("; ", problems));
        }
    }

    /** Every configuration problem at once, so an operator fixes them in one round. */
    public List<String> problems(boolean production) {
        List<String> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();

        Optional<String> databaseUrl = value("DATABASE_URL");
        Optional<String> reactiveUrl = value("quarkus.datasource.reactive.url");
        if (databaseUrl.isPresent()) {
            check(() -> DatabaseUrl.parse(databaseUrl.get()), problems);
        } else if (reactiveUrl.isPresent()) {
            // Flyway's JDBC connection is derived from it, so it must be a URL both clients read alike.
            check(() -> DatabaseUrl.parse("QUARKUS_DATASOURCE_REACTIVE_URL", reactiveUrl.get()), problems);
        } else if (production) {
            missing.add("DATABASE_URL (or QUARKUS_DATASOURCE_REACTIVE_URL)");
        }

        value("perks.migration.database-url")
                .ifPresent(url -> check(() -> DatabaseUrl.parse("MIGRATION_DATABASE_URL", url), problems));

        Optional<String> redisUrl = value("REDIS_URL");
        if (redisUrl.isPresent()) {
            check(() -> RedisUrl.parse(redisUrl.get()), problems);
        } else if (production && value("quarkus.redis.hosts").isEmpty()) {
            missing.add("REDIS_URL (or QUARKUS_REDIS_HOSTS)");
        }

        if (production) {
            if (value("JWT_PRIVATE_KEY").isEmpty() && value("smallrye.jwt.sign.key").isEmpty()
                    && value("smallrye.jwt.sign.key.location").isEmpty()) {
                missing.add("JWT_PRIVATE_KEY");
            }
            if (value("JWT_PUBLIC_KEY").isEmpty() && value("mp.jwt.verify.publickey").isEmpty()
                    && value("mp.jwt.verify.publickey.location").isEmpty()) {
                missing.add("JWT_PUBLIC_KEY");
            }
        }
        if (production) {
            problems.addAll(JwtKeys.problems(config));
        }
        Optional<String> adminEmail = value("ADMIN_EMAIL");
        Optional<String> adminPassword = value("ADMIN_PASSWORD");
        if (adminEmail.isPresent() != adminPassword.isPresent()) {
            problems.add("ADMIN_EMAIL and ADMIN_PASSWORD must be set together");
        } else if (adminPassword.isPresent() && (adminPassword.get().length() < 8 || adminPassword.get().length() > 128)) {
            problems.add("ADMIN_PASSWORD must be 8 to 128 characters");
        } else if (adminEmail.isPresent() && !Validation.isWellFormedEmail(adminEmail.get().trim())) {
            problems.add("ADMIN_EMAIL is not an email address");
        }
        if (!missing.isEmpty()) {
            problems.add(0, "missing required configuration: " + String.join(", ", missing));
        }
        return problems;
    }

    private static void check(Runnable parse, List<String> problems) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    private Optional<String> value(String name) {
        return config.getOptionalValue(name, String.class).filter(v -> !v.isBlank());
    }
}
