package dev.perks.health;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perks.testing.Health;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
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
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response readiness = Health.get(ready);
            assertEquals(503, readiness.statusCode());
            assertEquals("auth-failed", Health.check(readiness, "database").getString("data.reason"));
            assertEquals("pending", Health.check(readiness, "schema").getString("data.state"));
        });
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("DATABASE_URL", "postgres://perks_no_such_role:pw@127.0.0.1:5432/perks_test", "perks.database.create-if-missing", "false");
        }
    }
}
