package dev.perks.lifecycle.config;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A connection URL as operators write them, read the way libpq reads {@code postgres://} URLs:
 * {@code scheme://[user[:password]@]host[:port][/path][?query]}. Unlike {@link java.net.URI} it
 * accepts host names with underscores (Docker and Compose service names), takes the <em>last</em>
 * {@code @} before the host as the end of the credentials (so a raw {@code @} in a password works),
 * and brackets IPv6 literals. Error messages name the variable and never echo the URL, which may
 * hold a password.
 */
record ConnectionUrl(String scheme, Optional<String> username, Optional<String> password, String host, int port,
        String path, Map<String, String> query) {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");
    private static final int MAX_PORT = 65_535;

    static ConnectionUrl parse(String variable, String raw, Set<String> schemes, int defaultPort) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException(variable + " is empty");
        }
        String url = raw.strip();
        int schemeEnd = url.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw new IllegalArgumentException(variable + " must start with "
                    + String.join(":// or ", schemes.stream().sorted().toList()) + "://");
        }
        if (url.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException(variable + " contains spaces or control characters; percent-encode them");
        }
        String rest = url.substring(schemeEnd + 3);
        // Credentials end at the last '@' before the path: a raw '@' in a password is read as libpq reads it.
        int authorityEnd = indexOfAny(rest, '/', '?');
        String authority = rest.substring(0, authorityEnd);
        int at = authority.lastIndexOf('@');
        Optional<String> username = Optional.empty();
        Optional<String> password = Optional.empty();
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            username = nonEmpty(decode(variable, "credentials", colon < 0 ? userInfo : userInfo.substring(0, colon)));
            password = colon < 0 ? Optional.empty() : nonEmpty(decode(variable, "credentials", userInfo.substring(colon + 1)));
        }
        String hostPort = authority.substring(at + 1);

        String host;
        String portText;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0 || !IPV6.matcher(hostPort.substring(1, close)).matches()) {
                throw new IllegalArgumentException(variable + " has an invalid IPv6 address");
            }
            host = hostPort.substring(1, close);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new IllegalArgumentException(variable + " has an invalid host");
            }
            portText = after.isEmpty() ? "" : after.substring(1);
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            portText = colon < 0 ? "" : hostPort.substring(colon + 1);
            if (host.isEmpty()) {
                throw new IllegalArgumentException(variable + " has no host");
            }
            if (!HOST_NAME.matcher(host).matches()) {
                throw new IllegalArgumentException(variable + " has an invalid host (one host name or address;"
                        + " letters, digits, '-', '_' and '.')");
            }
        }
        int port = port(variable, portText, defaultPort);

        String afterAuthority = rest.substring(authorityEnd);
        int queryStart = afterAuthority.indexOf('?');
        String rawPath = queryStart < 0 ? afterAuthority : afterAuthority.substring(0, queryStart);
        String path = decode(variable, "path", rawPath.startsWith("/") ? rawPath.substring(1) : rawPath);
        Map<String, String> query = new LinkedHashMap<>();
        if (queryStart >= 0) {
            for (String pair : afterAuthority.substring(queryStart + 1).split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    query.put(decode(variable, "query", eq < 0 ? pair : pair.substring(0, eq)),
                            eq < 0 ? "" : decode(variable, "query", pair.substring(eq + 1)));
                }
            }
        }
        return new ConnectionUrl(scheme, username, password, host, port, path, Collections.unmodifiableMap(query));
    }

    static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int port(String variable, String text, int defaultPort) {
        if (text.isEmpty()) {
            return defaultPort;
        }
        if (text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(variable + " has an invalid port (a number from 1 to " + MAX_PORT + ")");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > MAX_PORT) {
            throw new IllegalArgumentException(variable + " has port " + port + ", out of range 1-" + MAX_PORT);
        }
        return port;
    }

    private static String decode(String variable, String part, String value) {
        try {
            return java.net.URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " has an invalid percent-encoding in its " + part);
        }
    }

    private static Optional<String> nonEmpty(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static int indexOfAny(String text, char first, char second) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == first || text.charAt(i) == second) {
                return i;
            }
        }
        return text.length();
    }

    @Override
    public String toString() {
        return scheme + "://" + username.map(u -> u + (password.isPresent() ? ":***" : "") + "@").orElse("")
                + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port + "/" + path;
    }
}
