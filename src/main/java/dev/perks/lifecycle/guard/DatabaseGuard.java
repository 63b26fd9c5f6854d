package dev.perks.lifecycle.guard;

import dev.perks.lifecycle.config.DatabaseConfig;
import dev.perks.lifecycle.status.DatabaseStatus;
import dev.perks.lifecycle.status.FailureReason;
import dev.perks.lifecycle.schema.SchemaStatus;
import dev.perks.error.ServiceUnavailableException;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.net.ConnectException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Every database call on the request path goes through here. It refuses at once while the schema
 * is not migrated, bounds each call with a timeout, retries only what is safe to retry, opens a
 * circuit breaker so a dead database costs microseconds per request, reports what it sees to
 * {@link DatabaseStatus}, and turns outages into {@link ServiceUnavailableException} (503).
 *
 * <p>Reads, and writes that give the same result however often they run (an idempotency key,
 * an UPDATE to fixed values), are retried when a connection could not be used (refused, reset,
 * closed by a restart). Other writes are retried only when no connection could be opened at all,
 * so a statement whose commit outcome is unknown is never sent twice. The work is passed as a
 * {@link Supplier} so that each attempt builds a fresh {@link Uni} with a fresh connection.
 */
@Singleton
public class DatabaseGuard {

    private static final int MAX_RETRIES = 2;
    private static final Duration RETRY_DELAY = Duration.ofMillis(20);

    private final DatabaseStatus status;
    private final SchemaStatus schema;
    private final Duration retryAfter;
    private final Guard retryable;
    private final Guard writes;

    DatabaseGuard(DatabaseConfig config, DatabaseStatus status, SchemaStatus schema) {
        this.status = status;
        this.schema = schema;
        this.retryAfter = Duration.ofSeconds(Math.max(1, config.circuitBreaker().delay().toSeconds()));
        this.retryable = guard("database-retryable", config, FailureReason::isClosedConnection);
        this.writes = guard("database-writes", config, DatabaseGuard::neverConnected);
    }

    public <T> Uni<T> read(Supplier<Uni<T>> work) {
        return run(retryable, work);
    }

    /** A write that is safe to send again even if an earlier attempt may have committed. */
    public <T> Uni<T> idempotentWrite(Supplier<Uni<T>> work) {
        return run(retryable, work);
    }

    /** A write whose repetition could change the outcome: retried only if it never reached the server. */
    public <T> Uni<T> write(Supplier<Uni<T>> work) {
        return run(writes, work);
    }

    @SuppressWarnings("unchecked")
    private <T> Uni<T> run(Guard guard, Supplier<Uni<T>> work) {
        if (!schema.isReady()) {
            return Uni.createFrom().failure(new ServiceUnavailableException("schema-" + schema.current().state().code(),
                    "The database schema is not ready yet.", retryAfter));
        }
        Supplier<Uni<T>> observed = () -> Uni.createFrom().<T>deferred(work::get)
                .onItem().invoke(status::reportSuccess)
                .onFailure(DatabaseGuard::isOutage).invoke(status::reportFailure);
        Uni<T> guarded = (Uni<T>) guard.get((Supplier<Uni>) (Supplier<?>) observed, Uni.class);
        return guarded.onFailure(this::isUnavailable).transform(this::unavailable);
    }

    private static Guard guard(String name, DatabaseConfig config, Predicate<Throwable> retryWhen) {
        DatabaseConfig.CircuitBreaker breaker = config.circuitBreaker();
        return Guard.create()
                .withDescription(name)
                .withRetry()
                    .maxRetries(MAX_RETRIES)
                    .delay(RETRY_DELAY.toMillis(), ChronoUnit.MILLIS)
                    .jitter(RETRY_DELAY.toMillis() / 2, ChronoUnit.MILLIS)
                    .maxDuration(config.requestTimeout().toMillis(), ChronoUnit.MILLIS)
                    .whenException(retryWhen)
                    .done()
                .withCircuitBreaker()
                    .name(name)
                    .when(DatabaseGuard::isOutage)
                    .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                    .requestVolumeThreshold(breaker.requestVolumeThreshold())
                    .failureRatio(breaker.failureRatio())
                    .successThreshold(1)
                    .done()
                .withTimeout()
                    .duration(config.requestTimeout().toMillis(), ChronoUnit.MILLIS)
                    .done()
                .build();
    }

    /** The database (not the request) failed: connectivity, auth, missing database, timeout. */
    static boolean isOutage(Throwable failure) {
        return !FailureReason.isPoolOverload(failure) && FailureReason.classify(failure) != FailureReason.UNKNOWN;
    }

    /** Nothing reached the server, so even a write can be sent again. */
    private static boolean neverConnected(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        FailureReason reason = FailureReason.classify(failure);
        return reason == FailureReason.STARTING_UP || reason == FailureReason.TOO_MANY_CONNECTIONS;
    }

    private boolean isUnavailable(Throwable failure) {
        return failure instanceof CircuitBreakerOpenException || failure instanceof TimeoutException
                || FailureReason.isPoolOverload(failure) || isOutage(failure);
    }

    private Throwable unavailable(Throwable failure) {
        if (failure instanceof CircuitBreakerOpenException) {
            return new ServiceUnavailableException(status.current().reason().code(),
                    "The database is unavailable; requests are refused until it answers again.", retryAfter);
        }
        if (failure instanceof TimeoutException) {
            status.reportFailure(failure);
            return new ServiceUnavailableException(FailureReason.TIMEOUT.code(),
                    "The database did not answer in time.", retryAfter);
        }
        if (FailureReason.isPoolOverload(failure)) {
            return new ServiceUnavailableException("overloaded",
                    "Too many requests are waiting for the database.", retryAfter);
        }
        return new ServiceUnavailableException(FailureReason.classify(failure).code(),
                "The database is unavailable.", retryAfter);
    }
}
