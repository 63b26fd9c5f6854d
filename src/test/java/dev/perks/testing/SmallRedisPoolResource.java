package dev.perks.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * The API service with a Redis client pool of 2 connections and no wait queue, on a database of
 * its own: a burst of sign-ins overflows the pool at once (ConnectionPoolTooBusyException), as a
 * flood of 1,024+ waiting commands does with the production settings.
 */
public class SmallRedisPoolResource extends ApiTestResource {

    public static final String DATABASE = "perks_it_redis_pool";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.redis.max-pool-size", "2");
        config.put("quarkus.redis.max-pool-waiting", "0");
        return config;
    }

    @Override
    protected String database() {
        return DATABASE;
    }
}
