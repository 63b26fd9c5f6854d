package dev.perks.lifecycle.config;

import java.util.Optional;
import java.util.Set;

/**
 * A {@code redis://} or {@code rediss://} URL as operators write them (see {@link ConnectionUrl}),
 * normalised into the form the Vert.x Redis client reads: credentials percent-encoded (so a raw
 * {@code @} in a password works), the port explicit, the database a number. The Vert.x client
 * cannot connect to a host name with an underscore, so that is refused with a message saying so.
 */
public record RedisUrl(String scheme, Optional<String> username, Optional<String> password, String host, int port,
        Optional<Integer> database) {

    static final int DEFAULT_PORT = 6379;
    private static final Set<String> SCHEMES = Set.of("redis", "rediss");

    public static RedisUrl parse(String url) {
        return parse("REDIS_URL", url);
    }

    public static RedisUrl parse(String variable, String url) {
        ConnectionUrl parsed = ConnectionUrl.parse(variable, url, SCHEMES, DEFAULT_PORT);
        if (parsed.host().indexOf('_') >= 0) {
            throw new IllegalArgumentException(variable + " has a host name with '_', which the Redis client cannot use;"
                    + " use a name without underscores (for example a Compose network alias) or an address");
        }
        if (!parsed.query().isEmpty()) {
            throw new IllegalArgumentException(variable + " has query parameters, which are not supported; put the"
                    + " database number in the path (redis://host:6379/0)");
        }
        Optional<Integer> database = Optional.empty();
        if (!parsed.path().isEmpty()) {
            if (parsed.path().length() > 4 || !parsed.path().chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException(variable + " has an invalid database number (a number in the path)");
            }
            database = Optional.of(Integer.parseInt(parsed.path()));
        }
        return new RedisUrl(parsed.scheme(), parsed.username(), parsed.password(), parsed.host(), parsed.port(), database);
    }

    /** The same database and credentials on another server (an embedded one, say). */
    public RedisUrl withServer(String otherHost, int otherPort) {
        return new RedisUrl(scheme, username, password, otherHost, otherPort, database);
    }

    /** For {@code quarkus.redis.hosts}: contains the credentials, so it is never logged. */
    public String clientUrl() {
        String credentials = password.map(p -> username.map(ConnectionUrl::encode).orElse("") + ":" + ConnectionUrl.encode(p) + "@")
                .or(() -> username.map(u -> ConnectionUrl.encode(u) + "@")).orElse("");
        return scheme + "://" + credentials + hostForUrl() + ":" + port + database.map(db -> "/" + db).orElse("");
    }

    private String hostForUrl() {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    @Override
    public String toString() {
        return scheme + "://" + (password.isPresent() ? username.orElse("") + ":***@" : username.map(u -> u + "@").orElse(""))
                + hostForUrl() + ":" + port + database.map(db -> "/" + db).orElse("");
    }
}
