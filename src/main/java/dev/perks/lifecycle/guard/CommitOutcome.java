package dev.perks.lifecycle.guard;

import dev.perks.lifecycle.config.PerksPoolCreator;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * What became of a transaction whose COMMIT got no reply in time, or whose connection died during
 * COMMIT. Every write transaction records its transaction id and server process when it starts; if
 * the COMMIT's reply does not come, this asks PostgreSQL on a connection of its own:
 * {@code pg_xact_status} says committed or aborted; while the transaction is still in progress
 * (the COMMIT has not reached the server yet), its server process is terminated, which rolls it
 * back for good, and the status asked again. So the request can answer what really happened:
 * the result when it committed, a 503 when it did not and never will.
 */
@Singleton
class CommitOutcome {

    private static final String STATUS = "SELECT pg_xact_status($1::text::xid8)";
    /** Only the server process still running this very transaction: never another client's session. */
    private static final String TERMINATE = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            + " WHERE pid = $1 AND backend_xid = $2::text::xid8::xid";
    private static final long POLL_MILLIS = 10;

    private final Vertx vertx;
    private final PerksPoolCreator pools;

    CommitOutcome(Vertx vertx, PerksPoolCreator pools) {
        this.vertx = vertx;
        this.pools = pools;
    }

    /** The transaction a write attempt runs in, as PostgreSQL names it. */
    record Transaction(String xid, int serverPid) {
        /** Read from the first statement of the transaction: {@code "<xid>/<pid>"}. */
        static Transaction parse(String text) {
            int slash = text.indexOf('/');
            return new Transaction(text.substring(0, slash), Integer.parseInt(text.substring(slash + 1)));
        }
    }

    /** The outcome could not be learnt within the wait: the database stopped answering. */
    static final class Unknown extends RuntimeException {
        Unknown(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** True when {@code transaction} committed, false when it did not and cannot any more; {@link Unknown} otherwise. */
    Uni<Boolean> committed(Transaction transaction, Duration wait) {
        Uni<Boolean> asked = Uni.createFrom().emitter(emitter -> {
            AtomicBoolean over = new AtomicBoolean();
            PgConnection[] held = new PgConnection[1];
            emitter.onTermination(() -> {
                over.set(true);
                if (held[0] != null) {
                    held[0].close();
                }
            });
            PgConnection.connect(vertx, pools.probeConnectOptions()).onComplete(connecting -> {
                if (connecting.failed()) {
                    emitter.fail(new Unknown("could not connect to ask for the outcome", connecting.cause()));
                    return;
                }
                held[0] = connecting.result();
                if (over.get()) {
                    held[0].close();
                    return;
                }
                new Asking(held[0], transaction, over, emitter::complete,
                        failure -> emitter.fail(new Unknown("could not ask for the outcome", failure))).status();
            });
        });
        return asked.ifNoItem().after(wait).failWith(() -> new Unknown("no outcome within " + wait, null));
    }

    private final class Asking {
        private final PgConnection connection;
        private final Transaction transaction;
        private final AtomicBoolean over;
        private final Consumer<Boolean> answer;
        private final Consumer<Throwable> fail;
        private boolean terminated;

        Asking(PgConnection connection, Transaction transaction, AtomicBoolean over, Consumer<Boolean> answer,
                Consumer<Throwable> fail) {
            this.connection = connection;
            this.transaction = transaction;
            this.over = over;
            this.answer = answer;
            this.fail = fail;
        }

        void status() {
            if (over.get()) {
                return;
            }
            connection.preparedQuery(STATUS).execute(Tuple.of(transaction.xid())).onComplete(asked -> {
                if (asked.failed()) {
                    fail.accept(asked.cause());
                    return;
                }
                RowIterator<Row> rows = asked.result().iterator();
                String status = rows.hasNext() ? rows.next().getString(0) : null;
                if ("committed".equals(status)) {
                    answer.accept(true);
                } else if ("aborted".equals(status)) {
                    answer.accept(false);
                } else if ("in progress".equals(status)) {
                    stillRunning();
                } else {
                    fail.accept(new IllegalStateException("transaction " + transaction.xid() + " has no status: " + status));
                }
            });
        }

        /** The COMMIT has not been applied yet: make sure it never is, then ask again. */
        private void stillRunning() {
            if (terminated) {
                vertx.setTimer(POLL_MILLIS, id -> status());
                return;
            }
            terminated = true;
            connection.preparedQuery(TERMINATE).execute(Tuple.of(transaction.serverPid(), transaction.xid()))
                    .onComplete(done -> {
                        if (done.failed()) {
                            fail.accept(done.cause());
                        } else {
                            vertx.setTimer(POLL_MILLIS, id -> status());
                        }
                    });
        }
    }
}
