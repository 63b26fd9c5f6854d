package dev.perks.lifecycle.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A PostgreSQL connection URL in the form PaaS platforms hand out:
 * {@code postgres://user:pass@host:5432/db?sslmode=require} (or {@code postgresql://}).
 *
 * <p>It is translated into the reactive URL, the JDBC URL and separate credentials, so that both
 * the Vert.x pool and Flyway see exactly the same server. {@link #toString()} never shows the password.
 */
public record DatabaseUrl(String host, int port, String database, Optional<String> username,
        Optional<String> password, Map<String, String> parameters) {

    static final int DEFAULT_PORT = 5432;

    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL is empty");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            // The message of URISyntaxException quotes the input, which may hold the password.
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL");
        }
        String scheme = uri.getScheme();
        if (!"postgres".equals(scheme) && !"postgresql".equals(scheme)) {
            throw new IllegalArgumentException(
                    "DATABASE_URL must start with postgres:// or postgresql://, not " + (scheme == null ? "nothing" : scheme + "://"));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("DATABASE_URL has no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isEmpty()) {
            throw new IllegalArgumentException("DATABASE_URL has no database name");
        }

        Optional<String> username = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            username = user.isEmpty() ? Optional.empty() : Optional.of(user);
            if (colon >= 0) {
                String pass = decode(userInfo.substring(colon + 1));
                password = pass.isEmpty() ? Optional.empty() : Optional.of(pass);
            }
        }

        Map<String, String> parameters = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                parameters.put(key, value);
            }
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        return new DatabaseUrl(uri.getHost(), port, database, username, password, Collections.unmodifiableMap(parameters));
    }

    /** The URL for the Vert.x reactive client; credentials travel separately. */
    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + encodePath(database) + query();
    }

    /** The URL for the PostgreSQL JDBC driver Flyway uses; credentials travel separately. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + encodePath(database) + query();
    }

    private String query() {
        if (parameters.isEmpty()) {
            return "";
        }
        return parameters.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    @Override
    public String toString() {
        return "postgresql://" + username.map(u -> u + (password.isPresent() ? ":***" : "") + "@").orElse("")
                + host + ":" + port + "/" + database + query();
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String encodePath(String value) {
        return encode(value).replace("+", "%20");
    }
}
