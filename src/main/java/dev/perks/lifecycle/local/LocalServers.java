package dev.perks.lifecycle.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
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

    /** Where a server listens. */
    public record Address(String host, int port) {

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** The PostgreSQL dev and test use when no database URL is configured: {@code local} or an embedded one. */
    public static Address database(Address local, boolean embeddedAllowed) {
        return choose("PostgreSQL", "database URL", "readiness stays DOWN until it does", local, embeddedAllowed,
                EmbeddedPostgres::isAvailable, () -> {
                    EmbeddedPostgres.Running server = EmbeddedPostgres.start();
                    return new Embedded(server.port(), "PostgreSQL " + server.version(), ", data in " + server.dataDirectory());
                });
    }

    /** The Redis dev and test use when no Redis URL is configured: {@code local} or an embedded one. */
    public static Address redis(Address local, boolean embeddedAllowed) {
        return choose("Redis", "Redis URL", "the service runs without it until it does", local, embeddedAllowed,
                EmbeddedRedis::isAvailable, () -> new Embedded(EmbeddedRedis.start(), "Redis", ", in memory only"));
    }

    /** An embedded server started on loopback: its port, and what to say about it. */
    private record Embedded(int port, String name, String detail) {
    }

    private static Address choose(String server, String url, String meanwhile, Address local, boolean embeddedAllowed,
            BooleanSupplier embeddedAvailable, Supplier<Embedded> startEmbedded) {
        if (answers(local)) {
            LOG.infof("%s: the local server on %s (no %s is configured)", server, local, url);
            return local;
        }
        if (!embeddedAllowed || !embeddedAvailable.getAsBoolean()) {
            LOG.warnf("%s: nothing answers on %s and %s; %s", server, local,
                    embeddedAllowed ? "the embedded server is not on the class path" : "embedded servers are off", meanwhile);
            return local;
        }
        Embedded embedded = startEmbedded.get();
        LOG.infof("%s: an embedded %s on 127.0.0.1:%d%s (no %s is configured and nothing answers on %s)", server,
                embedded.name(), embedded.port(), embedded.detail(), url, local);
        return new Address("127.0.0.1", embedded.port());
    }

    /** Whether something accepts TCP connections there (any of the host's addresses). */
    static boolean answers(Address server) {
        int port = server.port();
        try {
            for (InetAddress address : InetAddress.getAllByName(server.host())) {
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
