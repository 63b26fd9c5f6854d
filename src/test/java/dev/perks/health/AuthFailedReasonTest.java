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

/** Trust auth accepts any password, but not a role that does not exist. Readiness says so. */
@QuarkusTest
@TestProfile(AuthFailedReasonTest.Profile.class)
class AuthFailedReasonTest {

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void readinessNamesTheReason() {
        Health.awaitNotReadyBecause(ready, "auth-failed");
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("DATABASE_URL", "postgres://perks_no_such_role:pw@" + TestServers.postgres() + "/perks_test", "perks.database.create-if-missing", "false");
        }
    }
}
