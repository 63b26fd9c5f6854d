package dev.perks.lifecycle.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * One embedded Redis per JVM ({@code com.github.codemonstur:embedded-redis}), for dev and test on
 * a machine without a local server: in memory only, stopped by the library's shutdown hook when
 * the JVM exits, reused across dev-mode reloads and test-profile restarts.
 */
final class EmbeddedRedis {

    private static final String LIBRARY_CLASS = "redis.embedded.RedisServer";
    private static final String PORT_PROPERTY = "perks.embedded-redis.port";

    private EmbeddedRedis() {
    }

    static boolean isAvailable() {
        try {
            Class.forName(LIBRARY_CLASS, false, EmbeddedRedis.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static synchronized int start() {
        String running = System.getProperty(PORT_PROPERTY);
        if (running != null && LocalServers.answers(new LocalServers.Address("127.0.0.1", Integer.parseInt(running)))) {
            return Integer.parseInt(running);
        }
        try {
            int port = freePort();
            RedisServer server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .onShutdownForceStop(true)
                    .soutListener(line -> {
                    })
                    .build();
            server.start();
            System.setProperty(PORT_PROPERTY, Integer.toString(port));
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded Redis did not start", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
