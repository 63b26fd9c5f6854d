package dev.perks.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real PgBouncer (Debian's package) in front of the test PostgreSQL, in transaction pooling mode
 * with a small server pool, on a free port of its own; stopped by PID on {@link #close()}. The
 * settings are the ones README recommends; {@code ignore_startup_parameters} lets the JDBC driver in.
 */
public final class PgBouncer implements AutoCloseable {

    private static final Path EXECUTABLE = Path.of("/usr/sbin/pgbouncer");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final int port;
    private final Path directory;

    private PgBouncer(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    /** Whether Debian's pgbouncer is installed (.ci/run installs it; a JDK-only machine skips these tests). */
    public static boolean isInstalled() {
        return Files.isExecutable(EXECUTABLE);
    }

    /** {@code serverPoolSize}: server connections per database and user, shared by every client. */
    public static PgBouncer start(int serverPoolSize) {
        try {
            int port = freePort();
            Path directory = Files.createDirectories(Path.of("target", "pgbouncer", "port-" + port).toAbsolutePath());
            Path users = Files.writeString(directory.resolve("userlist.txt"), "\"postgres\" \"\"\n");
            Path ini = Files.writeString(directory.resolve("pgbouncer.ini"), String.join("\n",
                    "[databases]",
                    "* = host=" + TestServers.HOST + " port=" + TestServers.postgresPort(),
                    "[pgbouncer]",
                    "listen_addr = 127.0.0.1",
                    "listen_port = " + port,
                    "unix_socket_dir =",
                    "auth_type = trust",
                    "auth_file = " + users,
                    "pool_mode = transaction",
                    "default_pool_size = " + serverPoolSize,
                    "max_client_conn = 500",
                    "ignore_startup_parameters = extra_float_digits",
                    "server_reset_query =",
                    ""));
            List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString()));
            if ("root".equals(System.getProperty("user.name"))) {
                // PgBouncer refuses to run as root; drop to the postgres user, which the files allow.
                command.addAll(List.of("-u", "postgres"));
            }
            command.add(ini.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("pgbouncer.log").toFile()).start();
            PgBouncer bouncer = new PgBouncer(process, port, directory);
            try {
                Awaitility.await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(20))
                        .until(() -> !process.isAlive() || accepts(port));
                if (!process.isAlive()) {
                    throw new IllegalStateException("pgbouncer exited: " + Files.readString(directory.resolve("pgbouncer.log")));
                }
            } catch (RuntimeException e) {
                bouncer.close();
                throw e;
            }
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** What PgBouncer logged, for assertion messages. */
    public String log() {
        try {
            return Files.readString(directory.resolve("pgbouncer.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM to its PID
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(TestServers.HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
