package dev.perks.lifecycle.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A PostgreSQL connection URL in the form PaaS platforms hand out:
 * {@code postgres://user:pass@host:5432/db?sslmode=require} (or {@code postgresql://}), read as
 * {@link ConnectionUrl} describes.
 *
 * <p>It becomes the reactive URL, the JDBC URL and separate credentials, so the Vert.x pool and
 * Flyway see exactly the same server. A query parameter is accepted only if both clients give it
 * the same meaning: {@code sslmode}. Others ({@code options}, {@code currentSchema}, …) are honoured
 * by one client and ignored or misread by the other, so they are refused at start-up rather than
 * letting migrations and requests disagree about the schema. {@link #toString()} never shows the password.
 */
public record DatabaseUrl(String host, int port, String database, Optional<String> username,
        Optional<String> password, Optional<String> sslMode) {

    static final int DEFAULT_PORT = 5432;
    private static final Set<String> SCHEMES = Set.of("postgres", "postgresql");
    private static final String SSL_MODE = "sslmode";
    private static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    public static DatabaseUrl parse(String url) {
        return parse("DATABASE_URL", url);
    }

    /** {@code variable}: where the URL came from, for error messages. */
    public static DatabaseUrl parse(String variable, String url) {
        ConnectionUrl parsed = ConnectionUrl.parse(variable, url, SCHEMES, DEFAULT_PORT);
        if (parsed.path().isEmpty()) {
            throw new IllegalArgumentException(variable + " has no database name");
        }
        List<String> unsupported = parsed.query().keySet().stream().filter(key -> !key.equals(SSL_MODE)).toList();
        if (!unsupported.isEmpty()) {
            throw new IllegalArgumentException(variable + " has query parameters the pool and migrations cannot both honour: "
                    + String.join(", ", unsupported) + " (supported: " + SSL_MODE + ")");
        }
        Optional<String> sslMode = Optional.ofNullable(parsed.query().get(SSL_MODE));
        if (sslMode.isPresent() && !SSL_MODES.contains(sslMode.get())) {
            throw new IllegalArgumentException(variable + " has sslmode=" + sslMode.get() + "; use one of "
                    + String.join(", ", SSL_MODES));
        }
        return new DatabaseUrl(parsed.host(), parsed.port(), parsed.path(), parsed.username(), parsed.password(), sslMode);
    }

    /** The URL for the Vert.x reactive client; credentials travel separately. */
    public String reactiveUrl() {
        return "postgresql://" + hostForUrl() + ":" + port + "/" + ConnectionUrl.encode(database) + query();
    }

    /** The URL for the PostgreSQL JDBC driver Flyway uses; credentials travel separately. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostForUrl() + ":" + port + "/" + ConnectionUrl.encode(database) + query();
    }

    /** The same database and credentials on another server (an embedded one, say). */
    public DatabaseUrl withServer(String otherHost, int otherPort) {
        return new DatabaseUrl(otherHost, otherPort, database, username, password, sslMode);
    }

    /** The same server and credentials, another database (the {@code postgres} maintenance database). */
    public DatabaseUrl withDatabase(String otherDatabase) {
        return new DatabaseUrl(host, port, otherDatabase, username, password, sslMode);
    }

    /**
     * libpq's {@code require} (and {@code prefer}, {@code allow}) encrypt without verifying the
     * server's certificate, as the JDBC driver does; the reactive client needs to be told so.
     */
    public boolean encryptsWithoutVerifying() {
        return sslMode.filter(mode -> mode.equals("require") || mode.equals("prefer") || mode.equals("allow")).isPresent();
    }

    private String hostForUrl() {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    private String query() {
        return sslMode.map(mode -> "?" + SSL_MODE + "=" + mode).orElse("");
    }

    @Override
    public String toString() {
        return "postgresql://" + username.map(u -> u + (password.isPresent() ? ":***" : "") + "@").orElse("")
                + hostForUrl() + ":" + port + "/" + database + query();
    }
}
