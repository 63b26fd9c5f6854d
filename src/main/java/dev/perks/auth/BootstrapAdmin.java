package dev.perks.auth;

import dev.perks.api.Mailbox;
import dev.perks.lifecycle.config.DatabaseConfig;
import dev.perks.lifecycle.schema.SchemaMigrator.SchemaAwaited;
import dev.perks.lifecycle.schema.SchemaMigrator.SchemaReady;
import dev.perks.user.Role;
import dev.perks.user.UserRepository;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * Creates the admin named by {@code ADMIN_EMAIL} / {@code ADMIN_PASSWORD} once the schema is
 * migrated, unless some account already has that mailbox (same {@link Mailbox#key()}: sign-in and
 * sign-up fold it the same way). {@code INSERT … ON CONFLICT DO NOTHING} on the mailbox index makes
 * it idempotent across restarts and concurrent replicas.
 * Runs on the migrator thread, so it may block; readiness waits for it.
 *
 * <p>On a first start this sits between the database answering and readiness, so it is kept short:
 * the password is hashed ahead, on a worker thread, as soon as the migrator finds it has to wait for
 * the database or to migrate (a bcrypt hash is 0.1–0.2 s of CPU); and both statements run as
 * prepared statements on the reactive pool rather than in a JVM's first Hibernate session (0.3–0.5 s
 * on a cold JDK 17; README, Performance). A restart against a current schema
 * finds the admin and hashes nothing.
 */
@Singleton
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);
    private static final String DISPLAY_NAME = "Administrator";

    private final AuthConfig.BootstrapAdmin config;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Duration statementTimeout;
    private volatile CompletableFuture<String> hashAhead;

    BootstrapAdmin(AuthConfig config, UserRepository users, PasswordHasher hasher, DatabaseConfig database) {
        this.config = config.bootstrapAdmin();
        this.users = users;
        this.hasher = hasher;
        this.statementTimeout = database.requestTimeout();
    }

    /** While the schema is still to come: starts hashing the password in the background, once. */
    void prepareAhead(@Observes SchemaAwaited event) {
        if (config.email().isEmpty() || config.password().isEmpty()) {
            return;
        }
        if (hashAhead == null) {
            String password = config.password().get();
            hashAhead = CompletableFuture.supplyAsync(() -> hasher.hashNow(password), Infrastructure.getDefaultWorkerPool());
        }
    }

    void create(@Observes SchemaReady event) {
        if (config.email().isEmpty() || config.password().isEmpty()) {
            return;
        }
        Mailbox email = Mailbox.parse(config.email().get().strip()).orElse(null);
        if (email == null) {
            // The start-up check refuses such a value first; this only keeps a bad one from being stored.
            LOG.error("ADMIN_EMAIL is not an email address this service accepts; no bootstrap admin was created");
            return;
        }
        if (users.mailboxTaken(email).await().atMost(statementTimeout)) {
            return; // the common case after the first start: no hashing, no write
        }
        String hash = hashedPassword();
        if (users.insertIfEmailFree(email, hash, DISPLAY_NAME, Role.ADMIN).await().atMost(statementTimeout)) {
            LOG.infof("Created bootstrap admin %s", email.address());
        }
    }

    private String hashedPassword() {
        CompletableFuture<String> ahead = hashAhead;
        if (ahead != null) {
            try {
                return ahead.join();
            } catch (CompletionException | CancellationException e) {
                hashAhead = null; // hashed here instead, and ahead again on the next wait
            }
        }
        return hasher.hashNow(config.password().get());
    }
}
