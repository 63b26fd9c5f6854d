package dev.perks.auth;

import dev.perks.lifecycle.config.DatabaseConfig;
import dev.perks.lifecycle.schema.SchemaMigrator.SchemaReady;
import dev.perks.user.Role;
import dev.perks.user.UserRepository;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Creates the admin named by {@code ADMIN_EMAIL} / {@code ADMIN_PASSWORD} once the schema is
 * migrated, unless some user already has that email. {@code INSERT … ON CONFLICT DO NOTHING} on
 * the case-insensitive email index makes it idempotent across restarts and concurrent replicas.
 * Runs on the migrator thread, so it may block; readiness waits for it.
 */
@Singleton
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);
    private static final String DISPLAY_NAME = "Administrator";

    private final AuthConfig.BootstrapAdmin config;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Duration statementTimeout;

    BootstrapAdmin(AuthConfig config, UserRepository users, PasswordHasher hasher, DatabaseConfig database) {
        this.config = config.bootstrapAdmin();
        this.users = users;
        this.hasher = hasher;
        this.statementTimeout = database.requestTimeout();
    }

    void create(@Observes SchemaReady event) {
        if (config.email().isEmpty() || config.password().isEmpty()) {
            return;
        }
        String email = config.email().get().trim();
        if (users.emailExists(email).await().atMost(statementTimeout)) {
            return; // the common case after the first start: no hashing, no write
        }
        String hash = hasher.hashNow(config.password().get());
        boolean created = users.insertIfEmailFree(email, hash, DISPLAY_NAME, Role.ADMIN).await().atMost(statementTimeout);
        if (created) {
            LOG.infof("Created bootstrap admin %s", email);
        }
    }
}
