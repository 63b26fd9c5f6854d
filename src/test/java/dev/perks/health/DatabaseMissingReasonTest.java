package dev.perks.health;

import dev.perks.testing.Health;
import dev.perks.testing.TestServers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The database named in DATABASE_URL does not exist (and may not be created here). Readiness says so. */
@QuarkusTest
@TestProfile(DatabaseMissingReasonTest.Profile.class)
class DatabaseMissingReasonTest {

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void readinessNamesTheReason() {
        Health.awaitNotReadyBecause(ready, "database-missing");
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("DATABASE_URL", "postgres://postgres@" + TestServers.postgres() + "/perks_no_such_database", "perks.database.create-if-missing", "false");
        }
    }
}
