package dev.perks.lifecycle.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisUrlTest {

    @Test
    void defaultsThePortAndEncodesCredentialsForTheClient() {
        RedisUrl url = RedisUrl.parse("redis://:p@ss w0rd@cache".replace(" ", "%20"));

        assertEquals(6379, url.port());
        assertEquals(Optional.of("p@ss w0rd"), url.password());
        assertEquals("redis://:p%40ss%20w0rd@cache:6379", url.clientUrl());
    }

    @Test
    void readsUserDatabaseTlsAndIpv6() {
        RedisUrl url = RedisUrl.parse("rediss://default:s3cret@[::1]:6380/2");

        assertEquals("rediss", url.scheme());
        assertEquals(Optional.of("default"), url.username());
        assertEquals("::1", url.host());
        assertEquals(Optional.of(2), url.database());
        assertEquals("rediss://default:s3cret@[::1]:6380/2", url.clientUrl());
    }

    @Test
    void neverShowsThePassword() {
        assertEquals("rediss://:***@cache:6380", RedisUrl.parse("rediss://:topsecret@cache:6380").toString());
        assertEquals("redis://default:***@cache:6379/0", RedisUrl.parse("redis://default:topsecret@cache:6379/0").toString());
    }

    @Test
    void refusesWhatTheRedisClientCannotUseInOneLine() {
        IllegalArgumentException underscore = assertThrows(IllegalArgumentException.class,
                () -> RedisUrl.parse("redis://:topsecret@my_cache:6379"));
        assertTrue(underscore.getMessage().startsWith("REDIS_URL has a host name with '_'"), underscore.getMessage());
        assertEquals("REDIS_URL has port 70000, out of range 1-65535",
                assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse("redis://cache:70000")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse("http://cache:6379"));
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse("redis://cache:6379/zero"));
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse("redis://cache:6379?db=1"));
        assertFalse(underscore.getMessage().contains("topsecret"));
    }
}
