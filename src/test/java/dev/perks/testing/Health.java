package dev.perks.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;

/** Reads the health endpoints the way a Kubernetes probe does: a short timeout, whatever the status. */
public final class Health {

    private Health() {
    }

    public static Response get(URL url) {
        return given().when().get(url).andReturn();
    }

    public static JsonPath check(Response health, String name) {
        JsonPath json = health.jsonPath();
        int index = json.getList("checks.name").indexOf(name);
        if (index < 0) {
            throw new AssertionError("No check named " + name + " in " + health.asString());
        }
        return new JsonPath(health.asString()).setRootPath("checks[" + index + "]");
    }

    /** Waits (bounded) until readiness is DOWN because of {@code reason}, with the schema still pending. */
    public static void awaitNotReadyBecause(URL ready, String reason) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response readiness = get(ready);
            assertEquals(503, readiness.statusCode());
            assertEquals(reason, check(readiness, "database").getString("data.reason"));
            assertEquals("pending", check(readiness, "schema").getString("data.state"));
        });
    }
}
