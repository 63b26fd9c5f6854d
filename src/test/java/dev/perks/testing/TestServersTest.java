package dev.perks.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.lifecycle.local.LocalServers.Address;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The suite's own servers follow PERKS_LOCAL_* as README documents them for the test profile. */
class TestServersTest {

    @Test
    void theLocalVariablesPickThePortsTheSuiteUses() {
        Map<String, String> environment = Map.of(
                "PERKS_LOCAL_DATABASE_URL", "postgresql://postgres@localhost:15432/perks_test",
                "PERKS_LOCAL_REDIS_URL", "redis://127.0.0.1:16379",
                "PERKS_LOCAL_EMBEDDED", "false");
        assertEquals(new Address("127.0.0.1", 15432), TestServers.localPostgres(environment));
        assertEquals(new Address("127.0.0.1", 16379), TestServers.localRedis(environment));
        assertFalse(TestServers.embeddedAllowed(environment));
    }

    @Test
    void withoutThemTheSuiteUsesReadmesDefaults() {
        assertEquals(new Address("127.0.0.1", 5432), TestServers.localPostgres(Map.of()));
        assertEquals(new Address("127.0.0.1", 6379), TestServers.localRedis(Map.of()));
        assertTrue(TestServers.embeddedAllowed(Map.of()));
    }

    @Test
    void anotherMachineIsRefusedByName() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> TestServers.localPostgres(
                Map.of("PERKS_LOCAL_DATABASE_URL", "postgresql://postgres@db.example.com:5432/perks_test")));
        assertTrue(refused.getMessage().contains("PERKS_LOCAL_DATABASE_URL"), refused.getMessage());
    }
}
