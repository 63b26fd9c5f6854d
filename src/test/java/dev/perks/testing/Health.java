package dev.perks.testing;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URL;

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
}
