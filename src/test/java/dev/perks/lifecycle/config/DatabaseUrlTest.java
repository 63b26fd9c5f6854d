package dev.perks.lifecycle.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void parsesThePaasForm() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://alice:secret@db.internal:6543/perks?sslmode=require");

        assertEquals("db.internal", url.host());
        assertEquals(6543, url.port());
        assertEquals("perks", url.database());
        assertEquals(Optional.of("alice"), url.username());
        assertEquals(Optional.of("secret"), url.password());
        assertEquals("postgresql://db.internal:6543/perks?sslmode=require", url.reactiveUrl());
        assertEquals("jdbc:postgresql://db.internal:6543/perks?sslmode=require", url.jdbcUrl());
    }

    @Test
    void acceptsPostgresqlSchemeAndDefaultsThePort() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://bob@localhost/app");

        assertEquals(5432, url.port());
        assertEquals(Optional.of("bob"), url.username());
        assertEquals(Optional.empty(), url.password());
    }

    @Test
    void decodesPercentEncodedCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://us%40er:p%40ss%3Aw%2Fo+rd%25@h:5432/d");

        assertEquals(Optional.of("us@er"), url.username());
        assertEquals(Optional.of("p@ss:w/o+rd%"), url.password());
    }

    @Test
    void carriesEveryQueryParameterOver() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:p@h/d?sslmode=verify-full&connect_timeout=5");

        assertEquals("jdbc:postgresql://h:5432/d?sslmode=verify-full&connect_timeout=5", url.jdbcUrl());
    }

    @Test
    void neverShowsThePassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://alice:hunter2@h:5432/d");

        assertFalse(url.toString().contains("hunter2"), url.toString());
        assertTrue(url.toString().contains("alice:***@"), url.toString());
    }

    @Test
    void rejectsWhatItCannotUseWithoutEchoingIt() {
        IllegalArgumentException wrongScheme = assertThrows(IllegalArgumentException.class,
                () -> DatabaseUrl.parse("mysql://u:hunter2@h/d"));
        IllegalArgumentException noDatabase = assertThrows(IllegalArgumentException.class,
                () -> DatabaseUrl.parse("postgres://u:hunter2@h:5432"));
        IllegalArgumentException garbage = assertThrows(IllegalArgumentException.class,
                () -> DatabaseUrl.parse("postgres://u:hun ter2@h/d"));

        for (IllegalArgumentException e : new IllegalArgumentException[] { wrongScheme, noDatabase, garbage }) {
            assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains("hun ter2"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse(""));
    }

    @Test
    void redactsRedisPasswords() {
        assertEquals("rediss://:***@cache:6380", RedisUrl.redact("rediss://:topsecret@cache:6380"));
        assertEquals("redis://default:***@cache:6379/0", RedisUrl.redact("redis://default:topsecret@cache:6379/0"));
        assertTrue(RedisUrl.isValid("redis://localhost:6379"));
        assertFalse(RedisUrl.isValid("http://localhost:6379"));
    }
}
