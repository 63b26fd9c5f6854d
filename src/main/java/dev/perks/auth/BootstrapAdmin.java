package dev.perks.auth;

import dev.perks.api.Mailbox;
import dev.perks.lifecycle.config.DatabaseConfig;
import dev.perks.lifecycle.schema.SchemaMigrator.SchemaAwaited;
import dev.perks.lifecycle.schema.SchemaMigrator.SchemaReady;
import dev.perks.user.Role;
import dev.perks.user.User;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;
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
 * nothing, as the admin exists then. At the same time the admin lookup's HQL is parsed once, without
 * a session: the first HQL query of a JVM loads and runs Hibernate's query grammar (some 700
 * classes, 0.25 s on a cold JDK 17), which would otherwise happen after the database answers.
 */
@Singleton
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);
    private static final String DISPLAY_NAME = "Administrator";
    /** What Panache makes of {@code find("emailNormal", key)}. */
    static final String LOOKUP = "FROM User WHERE emailNormal = ?1";

    private final AuthConfig.BootstrapAdmin config;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Duration statementTimeout;
    private final Mutiny.SessionFactory sessions;
    private volatile CompletableFuture<String> hashAhead;
    private final AtomicBoolean lookupParsed = new AtomicBoolean();

    BootstrapAdmin(AuthConfig config, UserRepository users, PasswordHasher hasher, DatabaseConfig database,
            Mutiny.SessionFactory sessions) {
        this.config = config.bootstrapAdmin();
        this.users = users;
        this.hasher = hasher;
        this.statementTimeout = database.requestTimeout();
        this.sessions = sessions;
    }

    /**
     * While the schema is still to come: starts hashing the password and parsing the lookup's HQL
     * in the background, once each. Neither touches the database.
     */
    void prepareAhead(@Observes SchemaAwaited event) {
        if (config.email().isEmpty() || config.password().isEmpty()) {
            return;
        }
        if (hashAhead == null) {
            String password = config.password().get();
            hashAhead = CompletableFuture.supplyAsync(() -> hasher.hashNow(password), Infrastructure.getDefaultWorkerPool());
        }
        if (lookupParsed.compareAndSet(false, true)) {
            Infrastructure.getDefaultWorkerPool().execute(this::parseLookup);
        }
    }

    /** The same query {@link UserRepository#findByMailbox} runs, parsed into Hibernate's query tree and dropped. */
    boolean parseLookup() {
        try {
            sessions.getCriteriaBuilder().createQuery(LOOKUP, User.class);
            return true;
        } catch (RuntimeException e) {
            LOG.debugf(e, "Parsing the admin lookup ahead failed (ignored; the lookup parses it again)");
            return false;
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
