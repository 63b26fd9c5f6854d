package dev.perks.lifecycle.guard;

import dev.perks.lifecycle.config.DatabaseConfig;
import dev.perks.lifecycle.status.DatabaseProbe;
import dev.perks.lifecycle.status.DatabaseStatus;
import dev.perks.lifecycle.status.FailureClassifier;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Every database call on the request path goes through here. Its path, one part per class:
 * <ol>
 * <li>{@link DatabaseGate}: refused at once (503) while the schema is not migrated or the database is
 * known to be down; no request waits for a connect, none is a trial: the background probe finds out
 * when the database is back;</li>
 * <li>{@link RequestBudget}: one deadline for the whole request, retries included; a write
 * transaction's statements get a server-side {@code statement_timeout} below it;</li>
 * <li>{@link RetryRule}: reads and keyed writes are sent again when their connection could not be
 * used, plain writes only when no connection was obtained;</li>
 * <li>{@link CommitOutcome}: COMMIT waits outside the budget, and an unanswered one is resolved
 * before answering;</li>
 * <li>{@link Unavailable}: what becomes 503, with which reason.</li>
 * </ol>
 * {@link GuardedCall} runs these for one request. The work is a {@link Supplier} so that each
 * attempt builds a fresh {@link Uni} in a fresh Hibernate Reactive session (and, for writes, a
 * fresh transaction): services say which kind of unit of work they need, and the guard opens it
 * inside the retry, never around it.
 */
@Singleton
public class DatabaseGuard {

    /** The first statement of every write transaction: its statement timeout, and its name for {@link CommitOutcome}. */
    private static final String BEGIN = "SELECT pg_current_xact_id()::text || '/' || pg_backend_pid()"
            + " FROM (SELECT set_config('statement_timeout', :timeout, true)) AS timeout";

    private final DatabaseGate gate;
    private final DatabaseStatus status;
    private final DatabaseProbe probe;
    private final GuardMetrics metrics;
    private final CommitOutcome outcomes;
    private final Vertx vertx;
    private final Duration budget;
    private final Duration commitTimeout;

    DatabaseGuard(DatabaseConfig config, DatabaseGate gate, DatabaseStatus status, DatabaseProbe probe, GuardMetrics metrics,
            CommitOutcome outcomes, Vertx vertx) {
        this.gate = gate;
        this.status = status;
        this.probe = probe;
        this.metrics = metrics;
        this.outcomes = outcomes;
        this.vertx = vertx;
        this.budget = config.requestTimeout();
        this.commitTimeout = config.commitTimeout();
    }

    /** Reads in a session of their own per attempt (no transaction). */
    public <T> Uni<T> read(Supplier<Uni<T>> work) {
        return run(RetryRule.WHEN_UNUSED, attempt -> Panache.withSession(work::get));
    }

    /**
     * A read that queries the reactive pool directly and needs no Hibernate session: for hot paths
     * where a session's cost shows (GET /api/perks/{id}).
     */
    public <T> Uni<T> readOnPool(Supplier<Uni<T>> work) {
        return run(RetryRule.WHEN_UNUSED, attempt -> work.get());
    }

    /**
     * A write that is safe to send again even if an earlier attempt may have committed (a unique key
     * guards it): one transaction per attempt.
     */
    public <T> Uni<T> idempotentWrite(Supplier<Uni<T>> work) {
        return run(RetryRule.WHEN_UNUSED, attempt -> inTransaction(attempt, work));
    }

    /** A write whose repetition could change the outcome: one transaction, resent only if it never reached the server. */
    public <T> Uni<T> write(Supplier<Uni<T>> work) {
        return run(RetryRule.WHEN_UNSENT, attempt -> inTransaction(attempt, work));
    }

    private <T> Uni<T> run(RetryRule rule, GuardedCall.Unit<T> unit) {
        var refusal = gate.refusal();
        if (refusal != null) {
            return Uni.createFrom().failure(refusal);
        }
        ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
        return new GuardedCall<>(this, rule, RequestBudget.startingNow(budget), unit, context).uni();
    }

    /**
     * The transaction's statements get a server-side timeout that ends before the request's
     * deadline, so PostgreSQL cancels a statement (a lock wait, say) before the client is told 503:
     * a write answered 503 was rolled back and will not commit later. It is computed once the
     * connection is in hand, so time spent waiting for it counts; with too little budget left,
     * nothing is sent at all. The statements (the session's flush included) end inside the budget;
     * COMMIT starts after {@code committing} and has a wait of its own.
     */
    private static <T> Uni<T> inTransaction(GuardedCall<T>.Attempt attempt, Supplier<Uni<T>> work) {
        return Panache.withTransaction(() -> {
            long timeoutMillis = attempt.budget().statementTimeoutMillis();
            if (timeoutMillis < 0) {
                return Uni.createFrom().failure(new Unavailable.DeadlineExceeded("no database budget left for the transaction"));
            }
            return Panache.getSession().chain(session -> session
                    .createNativeQuery(BEGIN, String.class)
                    .setParameter("timeout", timeoutMillis + "ms")
                    .getSingleResult()
                    .invoke(name -> attempt.inTransaction(CommitOutcome.Transaction.parse(name)))
                    .chain(ignored -> work.get())
                    .call(() -> session.flush()))
                    .invoke(attempt::committing);
        });
    }

    Duration commitTimeout() {
        return commitTimeout;
    }

    CommitOutcome outcomes() {
        return outcomes;
    }

    void answered() {
        status.reportSuccess();
    }

    void retried(RetryRule rule) {
        metrics.retried(rule);
    }

    void commitUnknown() {
        metrics.commitUnknown();
    }

    /** What one failed attempt tells about the database. */
    void observe(Throwable failure) {
        if (FailureClassifier.isConnectFailure(failure)) {
            status.reportFailure(failure); // nothing could connect: known down until the probe says otherwise
            probe.checkNow();
        } else if (Unavailable.isOutage(failure)) {
            probe.checkNow(); // a timeout or a dead connection: the probe finds out whether it is more than that
        }
    }
}
