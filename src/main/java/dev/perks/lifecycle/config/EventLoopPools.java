package dev.perks.lifecycle.config;

import io.netty.channel.EventLoop;
import io.vertx.core.AsyncResult;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.impl.ContextInternal;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One pool per event loop, each with its share of the connections: a request takes a connection of
 * its own event loop, and the statement's reply is handled on the thread that asked for it. With one
 * shared pool, a released connection went to the first waiter of either loop, so under load about
 * half the requests crossed threads (a task hand-off and a cross-loop timer cancel each; README,
 * Performance). A caller on no event loop (start-up, a worker thread) takes the pools in turn.
 *
 * <p>Quarkus' reactive datasource expects a {@link PgPool}; every call is delegated unchanged.
 */
@SuppressWarnings("deprecation") // PgPool: the type Quarkus 3.32's reactive PostgreSQL client casts to
final class EventLoopPools implements PgPool {

    private final Map<EventLoop, Pool> byLoop;
    private final List<Pool> pools;
    private final AtomicInteger next = new AtomicInteger();

    /** @param pools one pool per entry of {@code loops}, in the same order */
    EventLoopPools(List<EventLoop> loops, List<Pool> pools) {
        this.byLoop = new IdentityHashMap<>();
        for (int i = 0; i < loops.size(); i++) {
            byLoop.put(loops.get(i), pools.get(i));
        }
        this.pools = List.copyOf(pools);
    }

    private Pool pool() {
        ContextInternal context = ContextInternal.current();
        if (context != null) {
            Pool own = byLoop.get(context.nettyEventLoop());
            if (own != null) {
                return own;
            }
        }
        return pools.get(Math.floorMod(next.getAndIncrement(), pools.size()));
    }

    @Override
    public void getConnection(Handler<AsyncResult<SqlConnection>> handler) {
        pool().getConnection(handler);
    }

    @Override
    public Future<SqlConnection> getConnection() {
        return pool().getConnection();
    }

    @Override
    public Query<RowSet<Row>> query(String sql) {
        return pool().query(sql);
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
        return pool().preparedQuery(sql);
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
        return pool().preparedQuery(sql, options);
    }

    @Override
    public PgPool connectHandler(Handler<SqlConnection> handler) {
        pools.forEach(pool -> pool.connectHandler(handler));
        return this;
    }

    @Override
    public PgPool connectionProvider(Function<Context, Future<SqlConnection>> provider) {
        pools.forEach(pool -> pool.connectionProvider(provider));
        return this;
    }

    @Override
    public int size() {
        return pools.stream().mapToInt(Pool::size).sum();
    }

    @Override
    public void close(Handler<AsyncResult<Void>> handler) {
        close().onComplete(handler);
    }

    @Override
    public Future<Void> close() {
        List<Future<?>> closed = new ArrayList<>();
        pools.forEach(pool -> closed.add(pool.close()));
        return Future.join(closed).mapEmpty();
    }
}
