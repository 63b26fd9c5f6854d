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
    void refusesQueryParametersThePoolAndFlywayWouldReadDifferently() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse(
                "postgres://u:hunter2@h/d?sslmode=verify-full&options=-c%20search_path%3Dx&currentSchema=x&connect_timeout=5"));

        assertEquals("DATABASE_URL has query parameters the pool and migrations cannot both honour: options, currentSchema,"
                + " connect_timeout (supported: sslmode)", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("postgres://u@h/d?sslmode=sometimes"));
        assertEquals("jdbc:postgresql://h:5432/d?sslmode=verify-full",
                DatabaseUrl.parse("postgres://u@h/d?sslmode=verify-full").jdbcUrl());
    }

    @Test
    void acceptsUnderscoreHostsAsComposeNamesThem() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:pw@my_db:5432/perks");

        assertEquals("my_db", url.host());
        assertEquals("postgresql://my_db:5432/perks", url.reactiveUrl());
        assertEquals("jdbc:postgresql://my_db:5432/perks", url.jdbcUrl());
    }

    @Test
    void acceptsBracketedIpv6Literals() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app@[::1]:6543/perks");

        assertEquals("::1", url.host());
        assertEquals(6543, url.port());
        assertEquals("postgresql://[::1]:6543/perks", url.reactiveUrl());
        assertEquals("jdbc:postgresql://[::1]:6543/perks", url.jdbcUrl());
        assertEquals(5432, DatabaseUrl.parse("postgres://[fe80::1]/perks").port());
    }

    @Test
    void takesTheLastAtBeforeTheHostAsLibpqDoes() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:p@ss:w@rd@db.internal/perks");

        assertEquals(Optional.of("app"), url.username());
        assertEquals(Optional.of("p@ss:w@rd"), url.password());
        assertEquals("db.internal", url.host());
        assertEquals(5432, url.port());
    }

    @Test
    void refusesPortsOutOfRangeInOneLine() {
        assertEquals("DATABASE_URL has port 65536, out of range 1-65535",
                assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("postgres://u:pw@h:65536/d")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("postgres://u:pw@h:0/d"));
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("postgres://u:pw@h:54x2/d"));
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("postgres://u:pw@h:99999999999/d"));
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("postgres://u:pw@a,b/d"));
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
        IllegalArgumentException badEscape = assertThrows(IllegalArgumentException.class,
                () -> DatabaseUrl.parse("postgres://u:hunter2%zz@h/d"));
        IllegalArgumentException badPort = assertThrows(IllegalArgumentException.class,
                () -> DatabaseUrl.parse("postgres://u:hunter2@h:hunter2/d"));

        for (IllegalArgumentException e : new IllegalArgumentException[] { wrongScheme, noDatabase, garbage, badEscape,
                badPort }) {
            assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains("hun ter2"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse(""));
    }
}
