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
import java.net.URL;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What an operator's Prometheus sees: every series the README promises exists, and the ones that
 * describe the database move when it goes away and come back when it returns.
 */
@QuarkusTest
@WithTestResource(value = PostgresProxyResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS, initArgs = {
        @ResourceArg(name = "database", value = "perks_it_metrics") })
class MetricsTest {

    private static final String DATABASE = "{dependency=\"database\"";

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void seriesExistAndMoveAcrossAnOutage() {
        await().atMost(Duration.ofSeconds(15)).until(() -> Health.get(ready).statusCode() == 200);
        given().get("/api/perks").then().statusCode(200);
        given().get("/api/perks/1").then().statusCode(404);

        String up = scrape();
        assertEquals(1.0, value(up, "perks_dependency_available" + DATABASE + "}"));
        assertEquals(1.0, value(up, "perks_dependency_reason" + DATABASE + ",reason=\"ok\"}"));
        assertEquals(1.0, value(up, "perks_schema_ready"));
        assertEquals(1.0, value(up, "perks_schema_state{state=\"ready\"}"));
        double shipped = Double.parseDouble(dev.perks.lifecycle.schema.ShippedSchema.VERSION);
        assertEquals(shipped, value(up, "perks_schema_version"));
        assertEquals(shipped, value(up, "perks_schema_expected_version"));
        assertEquals(1.0, value(up, "perks_schema_ready_path{path=\"migrated\"}"), "an empty database needs Flyway");
        assertEquals(32.0, value(up, "perks_database_pool_max_size{pool_name=\"perks\"}"));
        assertEquals(1.0, value(up, "ft_circuitbreaker_state_current{method=\"database\",state=\"closed\"}"));
        for (String series : new String[] { "sql_pool_active{", "sql_pool_idle{", "sql_pool_queue_size{",
                "ft_retry_retries_total{", "ft_circuitbreaker_opened_total{", "perks_login_throttle_bypassed_total",
                "perks_registration_throttle_bypassed_total", "http_server_requests_seconds_count{",
                "perks_dependency_available{dependency=\"redis\"}" }) {
            assertTrue(up.contains(series), "missing " + series);
        }
        double retriesBefore = value(up, "ft_retry_retries_total{method=\"database-retry-unused\"}");

        PostgresProxyResource.proxy().mode(FaultProxy.Mode.REFUSE);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            given().get("/api/perks").then().statusCode(503);
            String down = scrape();
            assertEquals(0.0, value(down, "perks_dependency_available" + DATABASE + "}"));
            assertEquals(1.0, value(down, "perks_dependency_reason" + DATABASE + ",reason=\"unreachable\"}"));
            assertEquals(0.0, value(down, "perks_dependency_reason" + DATABASE + ",reason=\"ok\"}"));
            assertTrue(value(down, "perks_dependency_failed_attempts" + DATABASE + "}") >= 1);
            assertTrue(down.contains("status=\"503\",uri=\"/api/perks\""), "503s are counted");
        });

        PostgresProxyResource.proxy().mode(FaultProxy.Mode.PASS);
        await().atMost(Duration.ofSeconds(10)).until(() -> Health.get(ready).statusCode() == 200);
        String back = scrape();
        assertEquals(1.0, value(back, "perks_dependency_available" + DATABASE + "}"));
        assertEquals(0.0, value(back, "perks_dependency_failed_attempts" + DATABASE + "}"));
        assertTrue(value(back, "ft_retry_retries_total{method=\"database-retry-unused\"}") >= retriesBefore);
    }

    private String scrape() {
        return given().get(metrics).then().statusCode(200).extract().asString();
    }

    private static double value(String prometheus, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(prometheus);
        assertTrue(line.find(), "no series " + series);
        return Double.parseDouble(line.group(1));
    }
}
