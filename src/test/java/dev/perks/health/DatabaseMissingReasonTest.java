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

/** The database named in DATABASE_URL does not exist (and may not be created here). Readiness says so. */
@QuarkusTest
@TestProfile(DatabaseMissingReasonTest.Profile.class)
class DatabaseMissingReasonTest {

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void readinessNamesTheReason() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response readiness = Health.get(ready);
            assertEquals(503, readiness.statusCode());
            assertEquals("database-missing", Health.check(readiness, "database").getString("data.reason"));
            assertEquals("pending", Health.check(readiness, "schema").getString("data.state"));
        });
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/perks_no_such_database", "perks.database.create-if-missing", "false");
        }
    }
}
