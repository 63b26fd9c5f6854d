package dev.perks.testing;

import dev.perks.lifecycle.config.DatabaseUrl;
import dev.perks.lifecycle.config.RedisUrl;
import dev.perks.lifecycle.local.LocalServers;
import dev.perks.lifecycle.local.LocalServers.Address;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL and Redis the tests use: the local servers ({@code PERKS_LOCAL_DATABASE_URL} /
 * {@code PERKS_LOCAL_REDIS_URL}, README's defaults otherwise) when they answer, otherwise the
 * embedded ones unless {@code PERKS_LOCAL_EMBEDDED=false}: chosen exactly as the service's test
 * profile chooses (one per JVM, shared with the service under test). So the suite passes on a
 * machine with only a JDK, and follows the variables as the service does.
 */
public final class TestServers {

    /** The suite sends traffic to this machine only. */
    public static final String HOST = "127.0.0.1";
    static final Address DEFAULT_POSTGRES = new Address(HOST, 5432);
    static final Address DEFAULT_REDIS = new Address(HOST, 6379);

    private static Integer postgresPort;
    private static Integer redisPort;

    private TestServers() {
    }

    public static synchronized int postgresPort() {
        if (postgresPort == null) {
            postgresPort = LocalServers.database(localPostgres(System.getenv()), embeddedAllowed(System.getenv())).port();
        }
        return postgresPort;
    }

    public static synchronized int redisPort() {
        if (redisPort == null) {
            redisPort = LocalServers.redis(localRedis(System.getenv()), embeddedAllowed(System.getenv())).port();
        }
        return redisPort;
    }

    /** host:port of the test PostgreSQL. */
    public static String postgres() {
        return HOST + ":" + postgresPort();
    }

    /** host:port of the test Redis. */
    public static String redis() {
        return HOST + ":" + redisPort();
    }

    static Address localPostgres(Map<String, String> environment) {
        return variable(environment, "PERKS_LOCAL_DATABASE_URL")
                .map(url -> DatabaseUrl.parse("PERKS_LOCAL_DATABASE_URL", url))
                .map(url -> onThisMachine("PERKS_LOCAL_DATABASE_URL", url.host(), url.port()))
                .orElse(DEFAULT_POSTGRES);
    }

    static Address localRedis(Map<String, String> environment) {
        return variable(environment, "PERKS_LOCAL_REDIS_URL")
                .map(url -> RedisUrl.parse("PERKS_LOCAL_REDIS_URL", url))
                .map(url -> onThisMachine("PERKS_LOCAL_REDIS_URL", url.host(), url.port()))
                .orElse(DEFAULT_REDIS);
    }

    static boolean embeddedAllowed(Map<String, String> environment) {
        return variable(environment, "PERKS_LOCAL_EMBEDDED").map(Boolean::parseBoolean).orElse(true);
    }

    private static Optional<String> variable(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }

    private static Address onThisMachine(String variable, String host, int port) {
        if (!host.equals("localhost") && !host.equals(HOST)) {
            throw new IllegalStateException(variable + " names " + host + ": the test suite only uses servers on this machine");
        }
        return new Address(HOST, port);
    }
}
