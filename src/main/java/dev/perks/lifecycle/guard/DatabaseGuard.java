package dev.perks.lifecycle.guard;

import dev.perks.error.ServiceUnavailableException;
import dev.perks.lifecycle.config.DatabaseConfig;
import dev.perks.lifecycle.schema.SchemaStatus;
import dev.perks.lifecycle.status.DatabaseProbe;
import dev.perks.lifecycle.status.DatabaseStatus;
import dev.perks.lifecycle.status.DependencyState;
import dev.perks.lifecycle.status.FailureClassifier;
import dev.perks.lifecycle.status.FailureReason;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Every database call on the request path goes through here, in this order:
 * <ol>
 * <li>refused at once while the schema is not migrated, or while the database is known to be
 * down ({@link DatabaseStatus}, fed by the background probe): no request waits for a connect;</li>
 * <li>retried only where safe (below), within one budget ({@code request-timeout}) that covers
 * every attempt;</li>
 * <li>through a circuit breaker that opens on outages seen by requests (connect failures,
 * timeouts, dead connections) and is closed only by the background probe
 * ({@link DatabaseProbe}), so no client request is ever its trial;</li>
 * <li>outages, statement refusals (cancelled statement, lock timeout, deadlock, exhausted server)
 * and pool overload become {@link ServiceUnavailableException} (503 with {@code Retry-After}).</li>
 * </ol>
 *
 * <p>Reads, and writes made safe to repeat by a unique key, are retried when a connection could
 * not be used (refused, reset, closed by a restart). Other writes are retried only when no
 * connection could be opened at all, so a statement whose commit outcome is unknown is never
 * sent twice. The work is a {@link Supplier} so that each attempt builds a fresh {@link Uni}, in a
 * fresh Hibernate Reactive session (and, for writes, a fresh transaction): services say which kind
 * of unit of work they need, and the guard opens it inside the retry, never around it.
 */
@Singleton
public class DatabaseGuard {

    /** The circuit breaker's name, for metrics and for the probe that closes it. */
    public static final String BREAKER = "database";
    private static final String RETRY_WHEN_UNUSED = "database-retry-unused";
    private static final String RETRY_WHEN_UNSENT = "database-retry-unsent";
    private static final int MAX_RETRIES = 2;
    private static final Duration RETRY_DELAY = Duration.ofMillis(20);
    /** Time for PostgreSQL's cancellation of a statement to reach us before the request's own deadline. */
    private static final Duration STATEMENT_MARGIN = Duration.ofMillis(150);
    private static final Duration MIN_STATEMENT_BUDGET = Duration.ofMillis(50);
    /** The probe re-checks every few hundred ms while the database is down; 1 s is the smallest header value. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final MeterRegistry registry;
    private final DatabaseStatus status;
    private final SchemaStatus schema;
    private final DatabaseProbe probe;
    private final Duration budget;
    private final Guard breaker;
    private final Guard retryWhenUnused;
    private final Guard retryWhenUnsent;

    DatabaseGuard(DatabaseConfig config, DatabaseStatus status, SchemaStatus schema, DatabaseProbe probe,
            CircuitBreakerMaintenance breakers, MeterRegistry registry) {
        this.registry = registry;
        this.status = status;
        this.schema = schema;
        this.probe = probe;
        this.budget = config.requestTimeout();
        this.breaker = breaker(config);
        this.retryWhenUnused = retry(RETRY_WHEN_UNUSED, failure -> FailureClassifier.isClosedConnection(failure)
                || FailureClassifier.isConnectFailure(failure));
        this.retryWhenUnsent = retry(RETRY_WHEN_UNSENT, FailureClassifier::isConnectFailure);
        probe.onAnswer(() -> {
            if (breakers.currentState(BREAKER) != CircuitBreakerState.CLOSED) {
                breakers.reset(BREAKER);
            }
        });
    }

    /**
     * Fault tolerance registers its meters for these guards once per name; an application restarted
     * in the same JVM (tests, dev mode) would keep reading the previous guards' state.
     */
    @PreDestroy
    void removeMetrics() {
        Set<String> ours = Set.of(BREAKER, RETRY_WHEN_UNUSED, RETRY_WHEN_UNSENT);
        registry.getMeters().stream()
                // Set.of(...).contains(null) throws: some ft.* meters carry no method tag.
                .filter(meter -> meter.getId().getName().startsWith("ft.") && meter.getId().getTag("method") != null
                        && ours.contains(meter.getId().getTag("method")))
                .forEach(registry::remove);
    }

    /** Reads in a session of their own per attempt (no transaction). */
    public <T> Uni<T> read(Supplier<Uni<T>> work) {
        return run(retryWhenUnused, deadline -> Panache.withSession(work::get));
    }

    /**
     * A read that queries the reactive pool directly and needs no Hibernate session: for hot paths
     * where a session's cost shows (GET /api/perks/{id}).
     */
    public <T> Uni<T> readOnPool(Supplier<Uni<T>> work) {
        return run(retryWhenUnused, deadline -> work.get());
    }

    /**
     * A write that is safe to send again even if an earlier attempt may have committed (a unique key
     * guards it): one transaction per attempt.
     */
    public <T> Uni<T> idempotentWrite(Supplier<Uni<T>> work) {
        return run(retryWhenUnused, deadline -> inTransaction(deadline, work));
    }

    /** A write whose repetition could change the outcome: one transaction, resent only if it never reached the server. */
    public <T> Uni<T> write(Supplier<Uni<T>> work) {
        return run(retryWhenUnsent, deadline -> inTransaction(deadline, work));
    }

    /**
     * The transaction's statements get a server-side timeout that ends before the request's
     * deadline, so PostgreSQL cancels a statement (a lock wait, say) before the client is told 503:
     * a write answered 503 was rolled back and will not commit later. It is computed once the
     * connection is in hand, so time spent waiting for it counts; with too little budget left,
     * nothing is sent at all.
     */
    private static <T> Uni<T> inTransaction(long deadlineNanos, Supplier<Uni<T>> work) {
        return Panache.withTransaction(() -> {
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()) - STATEMENT_MARGIN.toMillis();
            if (remainingMillis < MIN_STATEMENT_BUDGET.toMillis()) {
                return Uni.createFrom().failure(new TimeoutException("no database budget left for the transaction"));
            }
            return Panache.getSession().chain(session -> session
                    .createNativeQuery("SELECT set_config('statement_timeout', :timeout, true)", String.class)
                    .setParameter("timeout", remainingMillis + "ms")
                    .getSingleResult())
                    .chain(ignored -> work.get());
        });
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private <T> Uni<T> run(Guard retry, LongFunction<Uni<T>> unitOfWork) {
        if (!schema.isReady()) {
            return Uni.createFrom().failure(new ServiceUnavailableException("schema-" + schema.current().state().code(),
                    "The database schema is not ready yet.", RETRY_AFTER));
        }
        DependencyState database = status.current();
        if (database.knownUnavailable()) {
            return Uni.createFrom().failure(new ServiceUnavailableException(database.reason().code(),
                    "The database is unavailable; requests are refused until it answers again.", RETRY_AFTER));
        }
        long deadlineNanos = System.nanoTime() + budget.toNanos();
        Supplier<Uni> attempt = () -> breaker.get((Supplier<Uni>) () -> withinDeadline(deadlineNanos, unitOfWork)
                .onItem().invoke(status::reportSuccess)
                .onFailure().invoke(this::observe), Uni.class);
        Uni<T> guarded = (Uni<T>) retry.get(attempt, Uni.class);
        return guarded.onFailure(DatabaseGuard::isUnavailable).transform(this::unavailable);
    }

    /**
     * One attempt, with what is left of the request's budget: retries share it, so the whole request
     * ends within {@code request-timeout} (plus at most one retry delay). A Vert.x timer on the
     * event loop, not Fault Tolerance's timeout, whose timer thread costs a cross-thread wake-up
     * per request; the timeout still fails inside the breaker, which counts it.
     */
    private static <T> Uni<T> withinDeadline(long deadlineNanos, LongFunction<Uni<T>> unitOfWork) {
        long remainingNanos = deadlineNanos - System.nanoTime();
        if (remainingNanos <= 0) {
            return Uni.createFrom().failure(new TimeoutException("database budget exhausted"));
        }
        return Uni.createFrom().deferred(() -> unitOfWork.apply(deadlineNanos))
                .ifNoItem().after(Duration.ofNanos(remainingNanos))
                .failWith(() -> new TimeoutException("database budget exhausted"));
    }

    /** What one failed attempt tells about the database. */
    private void observe(Throwable failure) {
        if (FailureClassifier.isConnectFailure(failure)) {
            status.reportFailure(failure); // nothing could connect: known down until the probe says otherwise
            probe.checkNow();
        } else if (isOutage(failure)) {
            probe.checkNow(); // a timeout or a dead connection: the probe finds out whether it is more than that
        }
    }

    private Guard breaker(DatabaseConfig config) {
        DatabaseConfig.CircuitBreaker settings = config.circuitBreaker();
        return Guard.create()
                .withDescription(BREAKER)
                .withCircuitBreaker()
                    .name(BREAKER)
                    .when(DatabaseGuard::isOutage)
                    // A safety net only: the probe closes the breaker as soon as the database answers.
                    .delay(settings.delay().toMillis(), ChronoUnit.MILLIS)
                    .requestVolumeThreshold(settings.requestVolumeThreshold())
                    .failureRatio(settings.failureRatio())
                    .successThreshold(1)
                    .onStateChange(state -> {
                        if (state == CircuitBreakerState.OPEN) {
                            probe.checkNow();
                        }
                    })
                    .done()
                // Never to another thread: called on an event loop, Fault Tolerance keeps the work
                // (and any retry after its delay) on that loop; none of these strategies blocks.
                .withThreadOffload(false)
                .build();
    }

    private Guard retry(String name, Predicate<Throwable> retryWhen) {
        return Guard.create()
                .withDescription(name)
                .withRetry()
                    .maxRetries(MAX_RETRIES)
                    .delay(RETRY_DELAY.toMillis(), ChronoUnit.MILLIS)
                    .jitter(RETRY_DELAY.toMillis() / 2, ChronoUnit.MILLIS)
                    .maxDuration(budget.toMillis(), ChronoUnit.MILLIS)
                    .whenException(retryWhen)
                    .done()
                .withThreadOffload(false) // as for the breaker: a retry resumes on the calling event loop
                .build();
    }

    /** The database (not this statement, not the pool) failed: unreachable, refusing connections, silent, or dropped us. */
    static boolean isOutage(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return true;
        }
        if (FailureClassifier.isPoolOverload(failure) || FailureClassifier.statementRefusal(failure).isPresent()) {
            return false;
        }
        return FailureClassifier.isConnectFailure(failure) || FailureClassifier.isClosedConnection(failure)
                || FailureClassifier.reason(failure) != FailureReason.UNKNOWN;
    }

    private static boolean isUnavailable(Throwable failure) {
        return failure instanceof CircuitBreakerOpenException || FailureClassifier.isPoolOverload(failure)
                || FailureClassifier.statementRefusal(failure).isPresent() || isOutage(failure);
    }

    private Throwable unavailable(Throwable failure) {
        if (failure instanceof CircuitBreakerOpenException) {
            return new ServiceUnavailableException("circuit-open",
                    "The database is failing; requests are refused until it answers again.", RETRY_AFTER);
        }
        if (failure instanceof TimeoutException) {
            return new ServiceUnavailableException(FailureReason.TIMEOUT.code(), "The database did not answer in time.",
                    RETRY_AFTER);
        }
        if (FailureClassifier.isPoolOverload(failure)) {
            return new ServiceUnavailableException("overloaded", "Too many requests are waiting for the database.",
                    RETRY_AFTER);
        }
        Optional<String> refusal = FailureClassifier.statementRefusal(failure);
        if (refusal.isPresent()) {
            return new ServiceUnavailableException(refusal.get(),
                    "The database could not complete this request in time; nothing was changed. Try again.", RETRY_AFTER);
        }
        return new ServiceUnavailableException(FailureClassifier.reason(failure).code(), "The database is unavailable.",
                RETRY_AFTER);
    }
}
