package dev.perks.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.testing.FaultProxy;
import dev.perks.testing.Health;
import dev.perks.testing.PostgresProxyResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A database that silently drops packets must not hang readiness probes or requests: probes
 * answer from memory, requests are bounded by the request timeout and then refused by the open
 * circuit in microseconds.
 */
@QuarkusTest
@WithTestResource(value = PostgresProxyResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS, initArgs = {
        @ResourceArg(name = "database", value = "perks_it_blackhole") })
class BlackholeTest {

    private static final Duration PROBE_BUDGET = Duration.ofMillis(500);

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;
    @TestHTTPResource(value = "/health/live", management = true)
    URL live;

    @Test
    void readinessAndRequestsStayFastWhileTheDatabaseBlackholes() {
        FaultProxy proxy = PostgresProxyResource.proxy();
        await().atMost(Duration.ofSeconds(15)).until(() -> Health.get(ready).statusCode() == 200);
        given().when().get("/api/perks").then().statusCode(200);

        proxy.mode(FaultProxy.Mode.BLACKHOLE);

        // Every probe answers within budget while the state turns to timeout.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            long before = System.nanoTime();
            Response readiness = Health.get(ready);
            long tookMillis = Duration.ofNanos(System.nanoTime() - before).toMillis();
            assertTrue(tookMillis < PROBE_BUDGET.toMillis(), "readiness took " + tookMillis + " ms");
            assertEquals(503, readiness.statusCode());
            assertEquals("timeout", Health.check(readiness, "database").getString("data.reason"));
        });

        // Requests are bounded by the request timeout (2 s), then refused at once by the open circuit.
        for (int i = 0; i < 12; i++) {
            long before = System.nanoTime();
            given().when().get("/api/perks").then().statusCode(503).header("Retry-After", "1");
            long tookMillis = Duration.ofNanos(System.nanoTime() - before).toMillis();
            assertTrue(tookMillis < 2_500, "a request took " + tookMillis + " ms");
        }
        long before = System.nanoTime();
        given().when().get("/api/perks").then().statusCode(503);
        assertTrue(Duration.ofNanos(System.nanoTime() - before).toMillis() < 250, "the circuit should be open");
        assertEquals(200, Health.get(live).statusCode());

        // Packets flow again: ready and serving without restart.
        proxy.mode(FaultProxy.Mode.PASS);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> Health.get(ready).statusCode() == 200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(
                () -> given().when().get("/api/perks").then().statusCode(200));
    }
}
