package dev.perks.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.testing.FaultProxy;
import dev.perks.testing.Health;
import dev.perks.testing.PostgresProxyResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The service starts while PostgreSQL refuses connections, says exactly why it is not ready,
 * answers 503 fast, and becomes ready by itself once the database accepts: no restart, no sleep.
 */
@QuarkusTest
@WithTestResource(value = PostgresProxyResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS, initArgs = {
        @ResourceArg(name = "database", value = "perks_it_any_order"),
        @ResourceArg(name = "mode", value = "REFUSE") })
class StartsInAnyOrderTest {

    /** perks.database.request-timeout's default. */
    private static final Duration REQUEST_BUDGET = Duration.ofSeconds(2);

    @TestHTTPResource(value = "/health/live", management = true)
    URL live;
    @TestHTTPResource(value = "/health/started", management = true)
    URL started;
    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;
    @TestHTTPResource(value = "/health", management = true)
    URL all;
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void startsWithTheDatabaseDownAndRecoversWithoutRestart() throws Exception {
        FaultProxy proxy = PostgresProxyResource.proxy();

        // Alive and started although PostgreSQL refuses every connection.
        assertEquals(200, Health.get(live).statusCode());
        assertEquals(200, Health.get(started).statusCode());

        // Not ready, and readiness says why.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Response readiness = Health.get(ready);
            assertEquals(503, readiness.statusCode());
            JsonPath database = Health.check(readiness, "database");
            assertEquals("DOWN", database.getString("status"));
            assertEquals("unreachable", database.getString("data.reason"));
            assertTrue(database.getInt("data.attempts") >= 1);
            assertTrue(database.getString("data.since").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
            JsonPath schema = Health.check(readiness, "schema");
            assertEquals("DOWN", schema.getString("status"));
            assertEquals("pending", schema.getString("data.state"));
        });

        // The API refuses politely and fast.
        long before = System.nanoTime();
        given().when().get("/api/perks")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(503))
                .body("title", equalTo("Service Unavailable"));
        // Answered from what the probe knows, not by waiting out the request budget (its latency is the benchmark's).
        assertTrue(Duration.ofNanos(System.nanoTime() - before).compareTo(REQUEST_BUDGET) < 0, "the 503 waited out the budget");
        // Writes and sign-in too: a polite 503, never a 500, and nothing half-done.
        Map<String, Map<String, String>> bodies = Map.of(
                "/api/auth/register", Map.of("email", "early@perks.test", "password", "early-bird-pw", "displayName", "Early"),
                "/api/auth/login", Map.of("email", "early@perks.test", "password", "early-bird-pw"));
        for (Map.Entry<String, Map<String, String>> request : bodies.entrySet()) {
            given().contentType("application/json").body(request.getValue())
                    .when().post(request.getKey())
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue());
        }

        // The database comes back: ready without restart, and requests succeed.
        proxy.mode(FaultProxy.Mode.PASS);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> Health.get(ready).statusCode() == 200);
        Response readiness = Health.get(ready);
        assertEquals("ok", Health.check(readiness, "database").getString("data.reason"));
        JsonPath schema = Health.check(readiness, "schema");
        assertEquals("ready", schema.getString("data.state"));
        assertEquals(schema.getString("data.expected"), schema.getString("data.version"));
        given().when().get("/api/perks")
                .then().statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(20))
                .body("total", greaterThanOrEqualTo(0));

        // A restart of the server kills every pooled connection: no request may fail because of it.
        for (int round = 0; round < 3; round++) {
            proxy.mode(FaultProxy.Mode.RESET);
            proxy.mode(FaultProxy.Mode.PASS);
            given().when().get("/api/perks").then().statusCode(200);
            given().when().get("/api/perks/1").then().statusCode(404).contentType("application/problem+json");
        }

        // Operators see the same story in metrics: dependency and schema state, pool, circuit breakers.
        String prometheus = given().when().get(metrics).then().statusCode(200).extract().asString();
        for (String series : new String[] { "perks_dependency_available{dependency=\"database\"} 1.0",
                "perks_schema_ready 1.0", "sql_pool_queue_size", "sql_pool_active", "ft_circuitbreaker_state_current",
                "ft_retry_retries_total" }) {
            assertTrue(prometheus.contains(series), "missing metric " + series + " in:\n"
                    + prometheus.lines().filter(line -> line.startsWith("perks_")).collect(Collectors.joining("\n")));
        }

        // Liveness never depended on any of this, and no secret leaked anywhere.
        assertEquals(200, Health.get(live).statusCode());
        String everything = Health.get(all).asString();
        assertFalse(everything.contains(PostgresProxyResource.PASSWORD), everything);
        String log = Files.readString(Path.of("target/logs/perks_it_any_order.log"));
        assertFalse(log.contains(PostgresProxyResource.PASSWORD), "the password reached the log");
        assertFalse(log.contains("s3cr3t"), "part of the password reached the log");
    }
}
