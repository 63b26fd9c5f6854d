package dev.perks.auth;

import dev.perks.api.Mailbox;
import dev.perks.lifecycle.config.DatabaseConfig;
import dev.perks.lifecycle.schema.SchemaMigrator.SchemaAwaited;
import dev.perks.lifecycle.schema.SchemaMigrator.SchemaReady;
import dev.perks.user.Role;
import dev.perks.user.UserRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Creates the admin named by {@code ADMIN_EMAIL} / {@code ADMIN_PASSWORD} once the schema is
 * migrated, unless some account already has that mailbox (same {@link Mailbox#key()}: sign-in and
 * sign-up fold it the same way). {@code INSERT … ON CONFLICT DO NOTHING} on the mailbox index makes
 * it idempotent across restarts and concurrent replicas.
 * Runs on the migrator thread, so it may block; readiness waits for it.
 *
 * <p>The password is hashed ahead, on a worker thread, as soon as the migrator finds it has to
 * wait for the database or to migrate: a first start then does not spend a bcrypt hash (0.1–0.2 s
 * of CPU) between the database answering and readiness. A restart against a current schema hashes
 * nothing, as the admin exists then.
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

    /** Starts hashing the password in the background, once, while the schema is still to come. */
    void hashAhead(@Observes SchemaAwaited event) {
        if (hashAhead == null && config.email().isPresent() && config.password().isPresent()) {
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
        if (onVertxContext(() -> Panache.withSession(() -> users.findByMailbox(email))).isPresent()) {
            return; // the common case after the first start: no hashing, no write
        }
        String hash = hashedPassword();
        boolean created = onVertxContext(
                () -> Panache.withTransaction(() -> users.insertIfEmailFree(email, hash, DISPLAY_NAME, Role.ADMIN)));
        if (created) {
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

    /** Hibernate Reactive needs a Vert.x context; this thread may block, so it waits for the result (bounded). */
    private <T> T onVertxContext(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> work.get().ifNoItem().after(statementTimeout).fail());
        } catch (Throwable e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }
}
