package dev.perks.lifecycle.local;

import dev.perks.lifecycle.config.DatabaseUrl;
import dev.perks.lifecycle.config.RedisUrl;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Dev and test only, and only when no URL is configured: the server on the local default port
 * when it answers, otherwise an embedded one started in this JVM. The embedded servers' libraries
 * are on the dev-mode and test class paths only, so a packaged application never starts one
 * whatever its configuration says; production never comes here at all.
 *
 * <p>Each choice is logged in one line saying which server is used and why.
 */
public final class LocalServers {

    private static final Logger LOG = Logger.getLogger(LocalServers.class);
    /** Loopback answers or refuses at once; anything slower is a server we should not rely on. */
    private static final Duration LOCAL_ANSWER_TIMEOUT = Duration.ofMillis(300);

    private LocalServers() {
    }

    /** The PostgreSQL dev and test use when no database URL is configured. */
    public static DatabaseUrl database(DatabaseUrl local, boolean embeddedAllowed) {
        String address = local.host() + ":" + local.port();
        if (answers(local.host(), local.port())) {
            LOG.infof("PostgreSQL: the local server on %s (no database URL is configured)", address);
            return local;
        }
        if (!embeddedAllowed || !EmbeddedPostgres.isAvailable()) {
            LOG.warnf("PostgreSQL: nothing answers on %s and %s; readiness stays DOWN until it does", address,
                    embeddedAllowed ? "the embedded server is not on the class path" : "embedded servers are off");
            return local;
        }
        EmbeddedPostgres.Running server = EmbeddedPostgres.start();
        LOG.infof("PostgreSQL: an embedded PostgreSQL %s on 127.0.0.1:%d, data in %s (no database URL is configured"
                + " and nothing answers on %s)", server.version(), server.port(), server.dataDirectory(), address);
        return local.withServer("127.0.0.1", server.port());
    }

    /** The Redis dev and test use when no Redis URL is configured. */
    public static RedisUrl redis(RedisUrl local, boolean embeddedAllowed) {
        String address = local.host() + ":" + local.port();
        if (answers(local.host(), local.port())) {
            LOG.infof("Redis: the local server on %s (no Redis URL is configured)", address);
            return local;
        }
        if (!embeddedAllowed || !EmbeddedRedis.isAvailable()) {
            LOG.warnf("Redis: nothing answers on %s and %s; the service runs without it until it does", address,
                    embeddedAllowed ? "the embedded server is not on the class path" : "embedded servers are off");
            return local;
        }
        int port = EmbeddedRedis.start();
        LOG.infof("Redis: an embedded Redis on 127.0.0.1:%d, in memory only (no Redis URL is configured and nothing"
                + " answers on %s)", port, address);
        return local.withServer("127.0.0.1", port);
    }

    /** Whether something accepts TCP connections there (any of the host's addresses). */
    static boolean answers(String host, int port) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), (int) LOCAL_ANSWER_TIMEOUT.toMillis());
                    return true;
                } catch (IOException refusedOrSilent) {
                    // try the next address
                }
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }
}
