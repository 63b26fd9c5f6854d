package dev.perks.lifecycle.status;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;

/**
 * The single source of truth for "does PostgreSQL answer?". Fed by {@link DatabaseProbe} and by
 * every request that touches the database (the request guard), so readiness cannot stay green
 * on a pool of dead connections. Readiness, the request gate ({@code DatabaseGate}), metrics and the log all read it.
 */
@Singleton
public class DatabaseStatus extends DependencyStatus {

    private final Event<DatabaseAvailable> availableEvent;

    DatabaseStatus(Event<DatabaseAvailable> availableEvent, MeterRegistry registry) {
        super("database", registry);
        this.availableEvent = availableEvent;
    }

    @Override
    protected void onAvailable() {
        availableEvent.fire(new DatabaseAvailable());
    }

    /** Fired once each time the database answers again after being unavailable. */
    public record DatabaseAvailable() {
    }
}
