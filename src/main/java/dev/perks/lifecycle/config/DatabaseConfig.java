package dev.perks.lifecycle.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the service meets PostgreSQL: pool limits, probing, the request path's budgets. */
@ConfigMapping(prefix = "perks.database")
public interface DatabaseConfig {

    /** Reported in pg_stat_activity so operators can tell our connections apart. */
    @WithDefault("perks-service")
    String applicationName();

    /** TCP connect timeout for a new pooled connection. */
    @WithDefault("1s")
    Duration connectTimeout();

    /** Requests waiting for a connection beyond this are refused at once (503). */
    @WithDefault("256")
    int maxWaitQueue();

    /** Upper bound on one database call on the request path, retries included. */
    @WithDefault("2s")
    Duration requestTimeout();

    /** How often the background probe checks a healthy database. */
    @WithDefault("2s")
    Duration probeInterval();

    /** How often the background probe checks while the database is unavailable. */
    @WithDefault("200ms")
    Duration probeRetryInterval();

    /** Upper bound on one background probe (a new connection and {@code SELECT 1}). */
    @WithDefault("1s")
    Duration probeTimeout();

    /** Dev and test only: create the configured database when the server says it does not exist. */
    @WithDefault("false")
    boolean createIfMissing();

    /**
     * What sits between the service and PostgreSQL ({@code PERKS_DATABASE_POOLER}). {@code transaction}:
     * a pooler in transaction mode such as PgBouncer, which hands each transaction to any server
     * connection, so nothing may outlive a transaction on one: no cached named statements, no
     * session state.
     */
    @WithDefault("none")
    Pooler pooler();

    enum Pooler {
        NONE,
        TRANSACTION
    }

    /**
     * How long a write waits for its COMMIT's reply, outside {@link #requestTimeout()} (a deadline
     * during COMMIT could answer 503 for a change that is then applied). Past it, the outcome is
     * asked from the server before the request is answered.
     */
    @WithDefault("5s")
    Duration commitTimeout();
}
