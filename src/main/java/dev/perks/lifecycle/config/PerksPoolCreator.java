package dev.perks.lifecycle.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.netty.channel.EventLoop;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Completes the pool Quarkus configured (URL, credentials, TLS, size, idle timeout, max lifetime)
 * with the settings it has no property for, so nothing is left at a long default: connect timeout,
 * a bounded wait queue, TCP keep-alive and {@code application_name}.
 * Building the pool opens no connection: the first query does.
 */
@Singleton
public class PerksPoolCreator implements PgPoolCreator {

    private static final Logger LOG = Logger.getLogger(PerksPoolCreator.class);

    private final DatabaseConfig config;
    private final OwnedGauges gauges;
    private volatile PgConnectOptions first;

    PerksPoolCreator(DatabaseConfig config, MeterRegistry registry) {
        this.config = config;
        this.gauges = new OwnedGauges(registry);
    }

    @PreDestroy
    void removeGauges() {
        gauges.removeAll();
    }

    @Override
    public Pool create(Input input) {
        PoolOptions poolOptions = input.poolOptions()
                .setMaxWaitQueueSize(config.maxWaitQueue())
                // No pool-level acquisition timer: in vertx-sql-client 4.5 it fires again after a
                // failed connect ("Result is already complete"). The request budget and the bounded
                // wait queue bound the wait instead.
                .setConnectionTimeout(0)
                .setName("perks");
        List<SqlConnectOptions> connectOptions = new ArrayList<>();
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setConnectTimeout((int) config.connectTimeout().toMillis())
                    .setTcpKeepAlive(true)
                    .addProperty("application_name", config.applicationName());
            if (config.pooler() == DatabaseConfig.Pooler.TRANSACTION) {
                forTransactionPooler(options);
            }
            connectOptions.add(options);
        }
        if (config.pooler() == DatabaseConfig.Pooler.TRANSACTION) {
            LOG.info("Database pool: behind a transaction pooler (perks.database.pooler=transaction): one-shot unnamed"
                    + " statements, no statement cache, no session state");
        }
        first = input.pgConnectOptionsList().get(0);
        int maxSize = poolOptions.getMaxSize();
        // The client reports in use (sql_pool_active), idle and waiting (sql_pool_queue_size); not the bound.
        gauges.add("perks.database.pool.max.size", "Connections the request pool may open", Tags.of("pool_name", "perks"),
                () -> maxSize);
        return perEventLoop(poolOptions, connectOptions, input.vertx());
    }

    /**
     * One pool per event loop ({@link EventLoopPools}), the connections and the wait queue shared out
     * among them. Each pool opens its connections on the event loop of the request that needs one
     * ({@code eventLoopSize} 0), which is its own loop. Named {@code perks-<n>}: the pools' metrics
     * are registered by name, and one name for all would show the first pool only.
     */
    static Pool perEventLoop(PoolOptions options, List<SqlConnectOptions> connectOptions, Vertx vertx) {
        List<EventLoop> loops = new ArrayList<>();
        ((VertxInternal) vertx).getEventLoopGroup().forEach(executor -> loops.add((EventLoop) executor));
        int n = loops.size();
        List<Pool> pools = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PoolOptions share = new PoolOptions(options)
                    .setMaxSize(Math.max(1, share(options.getMaxSize(), n, i)))
                    .setMaxWaitQueueSize(options.getMaxWaitQueueSize() < 0 ? -1 : Math.max(1, share(options.getMaxWaitQueueSize(), n, i)))
                    .setEventLoopSize(0)
                    .setName(options.getName() + "-" + i);
            pools.add(PgBuilder.pool().with(share).connectingTo(connectOptions).using(vertx).build());
        }
        return new EventLoopPools(loops, pools);
    }

    /** The i-th of n near-equal parts of total. */
    static int share(int total, int n, int i) {
        return total / n + (i < total % n ? 1 : 0);
    }

    /**
     * Consecutive transactions of one client connection may run on different server connections:
     * each statement goes as one Parse/Bind/Execute/Sync with an unnamed statement (Vert.x' layer-7
     * proxy mode), nothing is cached by name, and the only start-up parameters are those PgBouncer
     * tracks itself ({@code extra_float_digits} would be refused or lost; the server default is exact).
     */
    static void forTransactionPooler(PgConnectOptions options) {
        options.setUseLayer7Proxy(true).setCachePreparedStatements(false);
        Map<String, String> properties = new HashMap<>(options.getProperties());
        properties.remove("extra_float_digits");
        options.setProperties(properties);
    }

    /**
     * The pool's server, credentials and TLS settings for the background probe's own connections,
     * which must never wait longer than one probe. Available once the pool is built.
     */
    public PgConnectOptions probeConnectOptions() {
        if (first == null) {
            throw new IllegalStateException("the pool is not built yet");
        }
        PgConnectOptions options = new PgConnectOptions(first)
                .setConnectTimeout((int) Math.min(config.connectTimeout().toMillis(), config.probeTimeout().toMillis()));
        options.addProperty("application_name", config.applicationName() + "-probe");
        return options;
    }
}
