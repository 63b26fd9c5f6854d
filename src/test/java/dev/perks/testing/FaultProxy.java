package dev.perks.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A TCP proxy on 127.0.0.1 between the service and a real server, able to fail like a network:
 * <ul>
 * <li>{@link Mode#PASS}: forwards bytes both ways;</li>
 * <li>{@link Mode#REFUSE}: nothing listens on the port (connection refused);</li>
 * <li>{@link Mode#RESET}: every open connection is reset and new ones are reset on accept;</li>
 * <li>{@link Mode#BLACKHOLE}: open connections stop moving bytes and new connections never
 * complete (the accept queue is kept full, so the kernel drops SYNs);</li>
 * <li>{@link #delay(long)}: forwards with a delay on every chunk;</li>
 * <li>{@link #hold(Direction, String, long)}: holds back, in one direction, each chunk that contains
 * a marker (a PostgreSQL {@code COMMIT}, say), as a slow network or disk would.</li>
 * </ul>
 * The port never changes, so the service under test keeps one URL. Stop it with {@link #close()}.
 */
public final class FaultProxy implements AutoCloseable {

    public enum Mode { PASS, REFUSE, RESET, BLACKHOLE }

    /** Which way bytes go through the proxy. */
    public enum Direction { TO_SERVER, TO_CLIENT }

    private static final int BLACKHOLE_BACKLOG = 1;

    private static final Duration PORT_RELEASE_TIMEOUT = Duration.ofSeconds(2);

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Socket> backlogFillers = new ArrayList<>();
    private volatile Mode mode;
    private volatile long delayMillis;
    private volatile Hold hold;
    private ServerSocket listener;
    private java.util.concurrent.Future<?> acceptor;

    private FaultProxy(String targetHost, int targetPort, Mode initialMode) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.port = freePortOutsideEphemeralRange();
        mode(initialMode);
    }

    /**
     * While the proxy refuses, its port is unbound. A port from the kernel's ephemeral range could be
     * handed to some outgoing connection meanwhile and the proxy could not listen again, so pick one
     * below that range (Linux: 32768 and up by default).
     */
    private static int freePortOutsideEphemeralRange() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int tries = 0; tries < 200; tries++) {
            int candidate = 20_000 + random.nextInt(10_000);
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate));
                return candidate;
            } catch (IOException taken) {
                // try another one
            }
        }
        throw new IOException("no free port between 20000 and 30000");
    }

    public static FaultProxy start(String targetHost, int targetPort, Mode initialMode) {
        try {
            return new FaultProxy(targetHost, targetPort, initialMode);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the fault proxy", e);
        }
    }

    public int port() {
        return port;
    }

    public Mode mode() {
        return mode;
    }

    public synchronized void delay(long millis) {
        delayMillis = millis;
        mode(Mode.PASS);
    }

    /** From now on, each chunk going {@code direction} that contains {@code marker} waits {@code millis} first. */
    public void hold(Direction direction, String marker, long millis) {
        hold = new Hold(direction, marker.getBytes(java.nio.charset.StandardCharsets.US_ASCII), millis);
    }

    public void releaseHolds() {
        hold = null;
    }

    private record Hold(Direction direction, byte[] marker, long millis) {
        boolean appliesTo(Direction way, byte[] buffer, int length) {
            if (way != direction) {
                return false;
            }
            outer:
            for (int i = 0; i + marker.length <= length; i++) {
                for (int j = 0; j < marker.length; j++) {
                    if (buffer[i + j] != marker[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    public synchronized void mode(Mode newMode) {
        closeListener();
        if (newMode != Mode.PASS) {
            delayMillis = 0;
        }
        mode = newMode;
        if (newMode == Mode.RESET || newMode == Mode.BLACKHOLE) {
            if (newMode == Mode.RESET) {
                open.forEach(FaultProxy::reset);
                open.clear();
            }
        }
        if (newMode != Mode.REFUSE) {
            listen(newMode == Mode.BLACKHOLE ? BLACKHOLE_BACKLOG : 50);
        }
        if (newMode == Mode.BLACKHOLE) {
            fillBacklog();
        }
        notifyAll(); // bytes held by a black hole flow the moment it ends
    }

    @Override
    public synchronized void close() {
        closeListener();
        open.forEach(FaultProxy::reset);
        open.clear();
        threads.shutdownNow();
    }

    private void listen(int backlog) {
        // closeListener() has waited for the accept loop to leave, but the JDK may release the closed
        // listener's port a moment later: bind as soon as it is free again, within a bound.
        try {
            // First try at once and on this thread: while the proxy is between two modes nothing listens,
            // and a probe or a pool arriving then would see a refusal no test asked for.
            listener = Awaitility.await("port " + port + " released").atMost(PORT_RELEASE_TIMEOUT)
                    .pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).ignoreExceptions()
                    .until(() -> bind(backlog), java.util.Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Could not listen on port " + port, e);
        }
        if (mode != Mode.BLACKHOLE) {
            ServerSocket socket = listener;
            acceptor = threads.submit(() -> acceptLoop(socket));
        }
    }

    private ServerSocket bind(int backlog) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Connections nobody accepts fill the kernel's accept queue; further SYNs are dropped. */
    private void fillBacklog() {
        for (int i = 0; i < BLACKHOLE_BACKLOG + 2; i++) {
            Socket filler = new Socket();
            try {
                filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                backlogFillers.add(filler);
            } catch (IOException e) {
                closeQuietly(filler); // the queue is full already
                break;
            }
        }
    }

    private void closeListener() {
        backlogFillers.forEach(FaultProxy::closeQuietly);
        backlogFillers.clear();
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
        if (acceptor != null) {
            try {
                acceptor.get(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the accept loop ends with the listener; nothing else to wait for
            }
            acceptor = null;
        }
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                if (mode == Mode.RESET) {
                    reset(client);
                    continue;
                }
                Socket server = new Socket();
                try {
                    server.connect(new InetSocketAddress(targetHost, targetPort), 1000);
                } catch (IOException e) {
                    reset(client);
                    closeQuietly(server);
                    continue;
                }
                open.add(client);
                open.add(server);
                threads.execute(() -> pump(client, server, Direction.TO_SERVER));
                threads.execute(() -> pump(server, client, Direction.TO_CLIENT));
            } catch (IOException e) {
                return; // listener closed by a mode change
            }
        }
    }

    private void pump(Socket from, Socket to, Direction way) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                while (mode == Mode.BLACKHOLE && !from.isClosed()) {
                    // Hold the bytes: the peer sees silence, not an error.
                    synchronized (this) {
                        wait(50);
                    }
                }
                Hold held = hold;
                long delay = delayMillis + (held != null && held.appliesTo(way, buffer, read) ? held.millis() : 0);
                long until = System.nanoTime() + delay * 1_000_000L;
                for (long left = delay; left > 0; left = (until - System.nanoTime()) / 1_000_000L) {
                    synchronized (this) {
                        wait(left);
                    }
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // connection reset or proxy closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // close with RST instead of FIN
        } catch (SocketException ignored) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // nothing to do
        }
    }
}
