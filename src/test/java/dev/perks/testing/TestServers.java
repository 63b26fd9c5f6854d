package dev.perks.testing;

import dev.perks.lifecycle.local.LocalServers;
import dev.perks.lifecycle.local.LocalServers.Address;

/**
 * The PostgreSQL and Redis the tests use: the local servers when they answer, otherwise the
 * embedded ones, chosen exactly as the service's dev and test profiles choose (one per JVM, shared
 * with the service under test). So the suite passes on a machine with only a JDK.
 */
public final class TestServers {

    public static final String HOST = "127.0.0.1";
    private static final int LOCAL_POSTGRES_PORT = 5432;
    private static final int LOCAL_REDIS_PORT = 6379;

    private static Integer postgresPort;
    private static Integer redisPort;

    private TestServers() {
    }

    public static synchronized int postgresPort() {
        if (postgresPort == null) {
            postgresPort = LocalServers.database(new Address(HOST, LOCAL_POSTGRES_PORT), true).port();
        }
        return postgresPort;
    }

    public static synchronized int redisPort() {
        if (redisPort == null) {
            redisPort = LocalServers.redis(new Address(HOST, LOCAL_REDIS_PORT), true).port();
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
}
