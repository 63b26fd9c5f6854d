package dev.perks.perk;

import dev.perks.error.Causes;
import dev.perks.lifecycle.schema.SchemaMigrator.SchemaAwaited;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The first catalogue listing of a JVM, run once in the background while the schema is still to
 * come, so that the first {@code GET /api/perks} after a first start does not pay for it. A JVM's
 * first Hibernate query (session, HQL parsing and translation to SQL, result handling) costs 0.3–0.6 s
 * on a cold JDK 17, and on an empty database it would otherwise come right after the migration,
 * between readiness and the first 200 (README, Performance).
 *
 * <p>Hibernate Reactive opens a session only with a connection, so the warm-up counts only once
 * PostgreSQL has run its queries: they succeed, or PostgreSQL refuses them because the tables are
 * not there yet (42P01, the migration runs meanwhile), which still exercises the session, HQL
 * parsing and translation and the statement's execution path (not the mapping of rows). Anything
 * else (the database away, starting up, refusing the connection) leaves it to run again at the
 * next wait. Nothing it reads is kept, and no failure of it reaches a request or readiness.
 */
@Singleton
class CatalogueWarmUp {

    private static final Logger LOG = Logger.getLogger(CatalogueWarmUp.class);
    /** Bounds one try; a database that has not answered by then is tried again at the next wait. */
    private static final Duration TRY_TIMEOUT = Duration.ofSeconds(2);
    /** PostgreSQL's SQLSTATE for a relation that does not exist. */
    private static final String UNDEFINED_TABLE = "42P01";

    private final PerkRepository repository;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean done;

    CatalogueWarmUp(PerkRepository repository) {
        this.repository = repository;
    }

    void whileSchemaAwaited(@Observes SchemaAwaited event) {
        if (!done && running.compareAndSet(false, true)) {
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    done = listOnce();
                } finally {
                    running.set(false);
                }
            });
        }
    }

    /** What {@code GET /api/perks} runs, once; true once PostgreSQL has run both queries, either way. Blocks. */
    boolean listOnce() {
        try {
            // Two sessions: a listing refused for a missing table must not keep the count from running.
            VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> repository.page(false, 0, 1))
                    .replaceWithVoid()
                    .onFailure(CatalogueWarmUp::tableMissing).recoverWithNull()
                    .chain(() -> Panache.withSession(() -> repository.count(false)))
                    .ifNoItem().after(TRY_TIMEOUT).fail());
            return true;
        } catch (Throwable e) {
            boolean answered = tableMissing(e);
            LOG.debugf("Catalogue warm-up %s: %s", answered ? "done (the schema is not there yet)" : "to try again",
                    e.getMessage());
            return answered;
        }
    }

    private static boolean tableMissing(Throwable failure) {
        return Causes.find(failure, PgException.class).map(e -> UNDEFINED_TABLE.equals(e.getSqlState())).orElse(false);
    }
}
