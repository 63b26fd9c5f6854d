package dev.perks.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar as a real process, with an environment of the test's choosing and no
 * inherited QUARKUS_*, DATABASE_URL, REDIS_URL or JWT_* variables. Always {@link #close()} it:
 * it is stopped by PID even when the test fails.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private final Process process;
    private final Path output;
    private final long launchedAt;

    private ServiceProcess(Process process, Path output, long launchedAt) {
        this.process = process;
        this.output = output;
        this.launchedAt = launchedAt;
    }

    public static ServiceProcess launch(Map<String, String> environment, String... args) throws IOException {
        return launch(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()), environment, args);
    }

    /** The artifact the build produced: the native executable under {@code -Pnative}, otherwise the jar. */
    public static boolean isNative() {
        String executable = System.getProperty("native.image.path");
        return executable != null && Files.isExecutable(Path.of(executable));
    }

    /** {@code java}: the JVM and its options, e.g. another JDK with {@code -XX:AOTCache=…}. */
    public static ServiceProcess launch(List<String> java, Map<String, String> environment, String... args)
            throws IOException {
        String jar = System.getProperty("perks.jar", "target/quarkus-app/quarkus-run.jar");
        Path output = Files.createTempFile("perks-service", ".log");
        List<String> command = new ArrayList<>();
        if (isNative()) {
            command.add(System.getProperty("native.image.path")); // JVM options do not apply
        } else {
            command.addAll(java);
            command.add("-jar");
            command.add(jar);
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("PERKS_")
                || name.equals("DATABASE_URL") || name.equals("REDIS_URL") || name.startsWith("JWT_")
                || name.equals("PORT"));
        builder.environment().putAll(environment);
        long launchedAt = System.nanoTime();
        return new ServiceProcess(builder.start(), output, launchedAt);
    }

    public long pid() {
        return process.pid();
    }

    /** Milliseconds since launch. */
    public long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launchedAt);
    }

    /** The HTTP status of a GET, or -1 when nothing answers. */
    public static int status(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public static String body(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** How many listening TCP sockets the process holds now (read from /proc: Linux only). */
    public long listeningSockets() throws IOException {
        java.util.Set<String> inodes = new java.util.HashSet<>();
        Path fdDirectory = Path.of("/proc", Long.toString(pid()), "fd");
        if (!Files.isDirectory(fdDirectory)) {
            return 0; // the process has exited
        }
        try (var fds = Files.list(fdDirectory)) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing
                }
            }
        } catch (java.nio.file.NoSuchFileException exited) {
            return 0; // the process exited while listing
        }
        long listening = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                String[] columns = line.trim().split("\\s+");
                if (columns.length > 9 && columns[3].equals("0A") && inodes.contains(columns[9])) {
                    listening++;
                }
            }
        }
        return listening;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as Kubernetes sends it. */
    public void terminate() {
        process.destroy();
    }

    public int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("process " + pid() + " did not exit within " + timeout);
        }
        return process.exitValue();
    }

    public String output() throws IOException {
        return Files.readString(output);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        Files.deleteIfExists(output);
    }
}
