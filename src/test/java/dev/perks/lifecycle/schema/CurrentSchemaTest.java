package dev.perks.lifecycle.schema;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.perks.testing.Health;
import dev.perks.testing.MigratedDatabaseResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A schema that is already current turns the service ready without Flyway: one query over the
 * reactive pool finds every shipped migration applied with its checksum, and the metric says so.
 */
@QuarkusTest
@WithTestResource(value = MigratedDatabaseResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class CurrentSchemaTest {

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void aCurrentSchemaIsReadyWithoutRunningFlyway() {
        await().atMost(Duration.ofSeconds(15)).until(() -> Health.get(ready).statusCode() == 200);
        given().get("/api/perks").then().statusCode(200);
        given().get(metrics).then().statusCode(200)
                .body(containsString("perks_schema_ready_path{path=\"verified\"} 1.0"))
                .body(containsString("perks_schema_ready_path{path=\"migrated\"} 0.0"));
    }
}
