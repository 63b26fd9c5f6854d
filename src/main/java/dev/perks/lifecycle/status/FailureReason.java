package dev.perks.lifecycle.status;

import com.fasterxml.jackson.annotation.JsonValue;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Why a dependency is not usable, as readiness and the {@code check} command report it.
 * The names are part of the API (SPEC §1.4): operators alert on them.
 */
public enum FailureReason {
    OK("ok"),
    UNREACHABLE("unreachable"),
    TIMEOUT("timeout"),
    DNS("dns"),
    AUTH_FAILED("auth-failed"),
    DATABASE_MISSING("database-missing"),
    TOO_MANY_CONNECTIONS("too-many-connections"),
    STARTING_UP("starting-up"),
    TLS("tls"),
    UNKNOWN("unknown");

    private final String code;

    FailureReason(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /**
     * Classifies a failure from the reactive client, JDBC, Redis or fault tolerance by walking its
     * cause chain. SQLSTATEs first: they are the server's own word.
     */
    public static FailureReason classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            FailureReason bySqlState = fromSqlState(sqlState(t));
            if (bySqlState != null) {
                return bySqlState;
            }
            String name = t.getClass().getName();
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof UnknownHostException || name.contains("UnknownHost") || name.contains("DnsNameResolver")) {
                return DNS;
            }
            if (t instanceof SSLException || message.contains("ssl") || message.contains(" tls")) {
                return TLS;
            }
            if (t instanceof ConnectTimeoutException || t instanceof TimeoutException
                    || t instanceof SocketTimeoutException || name.endsWith("TimeoutException")) {
                return TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || isClosedConnection(t)) {
                return UNREACHABLE;
            }
            if (message.contains("noauth") || message.contains("wrongpass")) {
                return AUTH_FAILED;
            }
        }
        return UNKNOWN;
    }

    /** A connection that died under us (server restart, reset, failover) or could not be opened. */
    public static boolean isClosedConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            String name = t.getClass().getName();
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (name.contains("ClosedConnection") || name.contains("ClosedChannel")
                    || message.contains("connection was closed") || message.contains("connection closed")
                    || message.contains("connection reset") || message.contains("broken pipe")
                    || message.contains("connection refused")) {
                return true;
            }
        }
        return false;
    }

    /** The pool refused to queue or serve a request in time: overload, not an outage. */
    public static boolean isPoolOverload(Throwable failure) {
        String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("max waiter queue size") || message.contains("timeout while waiting for a connection")
                || failure.getClass().getName().contains("ConnectionPoolTooBusy");
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }

    private static FailureReason fromSqlState(String sqlState) {
        if (sqlState == null) {
            return null;
        }
        return switch (sqlState) {
            case "28P01", "28000" -> AUTH_FAILED;
            case "3D000" -> DATABASE_MISSING;
            case "53300" -> TOO_MANY_CONNECTIONS;
            case "57P03" -> STARTING_UP;
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

}
