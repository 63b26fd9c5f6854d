package dev.perks.cli;

import dev.perks.lifecycle.config.RedisUrl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * {@code AUTH} (when the URL has a password) and {@code PING} over one plain socket, bounded by a
 * timeout: enough to tell whether the service's Redis would answer, without starting a client.
 */
final class RedisPing {

    private RedisPing() {
    }

    /** Returns normally when Redis answered PONG; otherwise throws what went wrong. */
    static void ping(RedisUrl url, Duration timeout) throws IOException {
        int millis = (int) timeout.toMillis();
        try (Socket socket = url.scheme().equals("rediss") ? SSLSocketFactory.getDefault().createSocket() : new Socket()) {
            socket.connect(new InetSocketAddress(url.host(), url.port()), millis);
            socket.setSoTimeout(millis);
            if (socket instanceof SSLSocket tls) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
            }
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            if (url.password().isPresent()) {
                send(out, url.username().isPresent()
                        ? new String[] { "AUTH", url.username().get(), url.password().get() }
                        : new String[] { "AUTH", url.password().get() });
                expect(in, "+OK");
            }
            send(out, "PING");
            expect(in, "+PONG");
        }
    }

    private static void send(OutputStream out, String... parts) throws IOException {
        StringBuilder command = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String part : parts) {
            command.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
        }
        out.write(command.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void expect(InputStream in, String expected) throws IOException {
        String line = readLine(in);
        if (!line.equals(expected)) {
            // Redis errors start with '-', e.g. "-WRONGPASS invalid username-password pair": no secret in them.
            throw new IOException("Redis answered " + (line.startsWith("-") ? line.substring(1) : "unexpectedly"));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("Redis closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
