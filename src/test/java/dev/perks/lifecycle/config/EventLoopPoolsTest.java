package dev.perks.lifecycle.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perks.testing.TestServers;
import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pool per event loop: a request's statement is answered on its own event loop, and the connections are shared out. */
class EventLoopPoolsTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eachEventLoopIsAnsweredOnItselfByItsOwnConnections() throws Exception {
        SqlConnectOptions server = new PgConnectOptions().setHost(TestServers.HOST).setPort(TestServers.postgresPort())
                .setDatabase("postgres").setUser("postgres");
        Pool pool = PerksPoolCreator.perEventLoop(new PoolOptions().setMaxSize(4).setName("perks"), List.of(server), vertx);
        try {
            VertxInternal internal = (VertxInternal) vertx;
            List<Context> contexts = new ArrayList<>();
            internal.getEventLoopGroup().forEach(loop -> contexts.add(internal.createEventLoopContext((EventLoop) loop, null, null)));
            for (int i = 0; i < 4; i++) {
                Context context = contexts.get(i % contexts.size()); // the two event loops in turn
                Promise<String> answered = Promise.promise();
                context.runOnContext(ignored -> {
                    String asking = Thread.currentThread().getName();
                    pool.query("SELECT pg_backend_pid()").execute()
                            .onComplete(reply -> answered.complete(reply.succeeded()
                                    ? asking + " -> " + Thread.currentThread().getName()
                                    : reply.cause().toString()));
                });
                String answer = answered.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                String[] threads = answer.split(" -> ");
                assertEquals(2, threads.length, answer);
                assertEquals(threads[0], threads[1], "answered on another thread than the asking one");
            }
            assertEquals(2, pool.size(), "one connection opened per event loop, none shared");
        } finally {
            pool.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theConnectionsAndTheWaitQueueAreSharedOut() {
        assertEquals(List.of(16, 16), List.of(PerksPoolCreator.share(32, 2, 0), PerksPoolCreator.share(32, 2, 1)));
        assertEquals(List.of(2, 1, 1), List.of(PerksPoolCreator.share(4, 3, 0), PerksPoolCreator.share(4, 3, 1),
                PerksPoolCreator.share(4, 3, 2)));
    }
}
