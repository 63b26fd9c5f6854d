package dev.perks.lifecycle.guard;

import dev.perks.error.ServiceUnavailableException;
import dev.perks.lifecycle.schema.SchemaStatus;
import dev.perks.lifecycle.status.DatabaseStatus;
import dev.perks.lifecycle.status.DependencyState;
import jakarta.inject.Singleton;

/**
 * The first thing a request meets: is the schema migrated, and is the database not known to be
 * down? Both answers are read from memory ({@link SchemaStatus}, {@link DatabaseStatus}, the
 * latter fed by the background probe and by failed connects), so a dead database costs a volatile
 * read per request and no request waits for a connect. This is the service's circuit breaker: it
 * opens when a connect fails or the probe finds the database down, and only the probe closes it.
 */
@Singleton
public class DatabaseGate {

    private final DatabaseStatus status;
    private final SchemaStatus schema;

    DatabaseGate(DatabaseStatus status, SchemaStatus schema) {
        this.status = status;
        this.schema = schema;
    }

    /** Why a request must not go to the database now, or {@code null} when it may. */
    ServiceUnavailableException refusal() {
        if (!schema.isReady()) {
            return new ServiceUnavailableException("schema-" + schema.current().state().code(),
                    "The database schema is not ready yet.", ServiceUnavailableException.RETRY_AFTER);
        }
        DependencyState database = status.current();
        if (database.knownUnavailable()) {
            return new ServiceUnavailableException(database.reason().code(),
                    "The database is unavailable; requests are refused until it answers again.", ServiceUnavailableException.RETRY_AFTER);
        }
        return null;
    }

    /** Open (requests refused from memory) while the database is known to be down. */
    boolean isOpen() {
        return status.current().knownUnavailable();
    }
}
