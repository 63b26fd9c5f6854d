package dev.perks.lifecycle.status;

import dev.perks.error.Causes;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Reads failures from the reactive client, JDBC, Redis and fault tolerance, by walking their cause
 * chains. SQLSTATEs come first: they are the server's own word. Three families matter to the
 * request path, and they are kept apart on purpose:
 * <ul>
 * <li>the dependency is down ({@link #reason}, {@link #isConnectFailure}): readiness reports it;</li>
 * <li>a pooled connection died under a statement ({@link #isClosedConnection}): a restart or a
 * failover, retried on a fresh connection where that is safe;</li>
 * <li>the server answered but refused this statement ({@link #statementRefusal}): a cancelled or
 * timed-out statement, a lock timeout, a deadlock, exhausted server resources. The request gets
 * 503, but the database is up: readiness and the circuit breaker ignore it.</li>
 * </ul>
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    /** The readiness reason for a failure; {@link FailureReason#UNKNOWN} when it says nothing about the dependency. */
    public static FailureReason reason(Throwable failure) {
        return Causes.of(failure).map(FailureClassifier::reasonOf).filter(r -> r != null).findFirst()
                .orElse(FailureReason.UNKNOWN);
    }

    /** No connection could be opened, so nothing was sent: the dependency is down, and even a write may be resent. */
    public static boolean isConnectFailure(Throwable failure) {
        if (Causes.find(failure, ConnectException.class).isPresent()
                || Causes.find(failure, ConnectTimeoutException.class).isPresent()
                || Causes.of(failure).map(FailureClassifier::sqlState).anyMatch(s -> "08001".equals(s) || "08004".equals(s))) {
            return true;
        }
        return switch (reason(failure)) {
            case DNS, AUTH_FAILED, DATABASE_MISSING, TOO_MANY_CONNECTIONS, STARTING_UP, TLS -> true;
            default -> false;
        };
    }

    /** A connection that died under us: server restart or shutdown, reset, failover. */
    public static boolean isClosedConnection(Throwable failure) {
        return Causes.of(failure).anyMatch(t -> {
            String state = sqlState(t);
            if (state != null) {
                // 57P01/57P02: the server terminated the session (shutdown, crash); class 08: a connection
                // that failed or went away (08001 and 08004 are connects that never succeeded).
                return state.equals("57P01") || state.equals("57P02")
                        || (state.startsWith("08") && !state.equals("08001") && !state.equals("08004"));
            }
            String name = t.getClass().getName();
            String message = message(t);
            return name.contains("ClosedConnection") || name.contains("ClosedChannel")
                    || message.contains("connection was closed") || message.contains("connection closed")
                    || message.contains("connection reset") || message.contains("broken pipe")
                    || message.contains("connection refused");
        });
    }

    /** The pool refused to queue or serve a request in time: overload, not an outage. */
    public static boolean isPoolOverload(Throwable failure) {
        return Causes.of(failure).anyMatch(t -> {
            String message = message(t);
            return message.contains("max waiter queue size") || message.contains("timeout while waiting for a connection")
                    || t.getClass().getName().contains("ConnectionPoolTooBusy");
        });
    }

    /**
     * The server refused this one statement (SQLSTATE classes 40, 53 and 57, lock timeouts, a
     * read-only server after a failover): the code the 503 carries as its {@code reason}, or empty.
     */
    public static Optional<String> statementRefusal(Throwable failure) {
        return Causes.of(failure).map(FailureClassifier::sqlState).filter(s -> s != null).findFirst()
                .map(FailureClassifier::refusalOf);
    }

    private static String refusalOf(String state) {
        return switch (state) {
            case "57014" -> "statement-timeout";
            case "55P03" -> "lock-timeout";
            case "40P01" -> "deadlock";
            case "40001" -> "serialization-failure";
            case "25006" -> "read-only";
            case "53300", "57P01", "57P02", "57P03" -> null; // connection-level: outages, not refusals
            default -> state.startsWith("53") ? "server-resources" : state.startsWith("57") ? "statement-cancelled" : null;
        };
    }

    private static FailureReason reasonOf(Throwable t) {
        FailureReason bySqlState = fromSqlState(sqlState(t));
        if (bySqlState != null) {
            return bySqlState;
        }
        String name = t.getClass().getName();
        String message = message(t);
        if (t instanceof UnknownHostException || name.contains("UnknownHost") || name.contains("DnsNameResolver")) {
            return FailureReason.DNS;
        }
        if (t instanceof SSLException || message.contains("ssl") || message.contains(" tls")) {
            return FailureReason.TLS;
        }
        if (t instanceof ConnectTimeoutException || t instanceof TimeoutException
                || t instanceof SocketTimeoutException || name.endsWith("TimeoutException") || message.contains("timed out")) {
            return FailureReason.TIMEOUT;
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException || isClosedConnection(t)) {
            return FailureReason.UNREACHABLE;
        }
        if (message.contains("noauth") || message.contains("wrongpass")) {
            return FailureReason.AUTH_FAILED;
        }
        return null;
    }

    private static FailureReason fromSqlState(String sqlState) {
        if (sqlState == null) {
            return null;
        }
        return switch (sqlState) {
            case "28P01", "28000" -> FailureReason.AUTH_FAILED;
            case "3D000" -> FailureReason.DATABASE_MISSING;
            case "53300" -> FailureReason.TOO_MANY_CONNECTIONS;
            case "57P03" -> FailureReason.STARTING_UP;
            default -> null;
        };
    }

    private static String sqlState(Throwable t) {
        if (t instanceof PgException pg) {
            return pg.getSqlState();
        }
        if (t instanceof SQLException sql) {
            return sql.getSQLState();
        }
        return null;
    }

    private static String message(Throwable t) {
        return String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
    }
}
