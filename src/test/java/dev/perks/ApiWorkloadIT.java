package dev.perks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.perks.testing.Api;
import dev.perks.testing.WorkloadResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged application in the production profile, driven through a day's traffic: sign-in,
 * catalogue reads, an admin's writes, claims, and the usual client mistakes. Besides proving the
 * artifact works end to end, it is the workload Quarkus records the JDK 25 AOT cache from
 * ({@code ./mvnw verify -Paot}).
 */
@QuarkusIntegrationTest
@WithTestResource(WorkloadResource.class)
class ApiWorkloadIT {

    @Test
    void aDayOfTrafficOnThePackagedApplication() {
        Api.awaitReady();
        String admin = token(given().contentType(ContentType.JSON)
                .body(Map.of("email", WorkloadResource.ADMIN_EMAIL, "password", WorkloadResource.ADMIN_PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract().path("accessToken"));
        long perk = ((Number) given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("title", "Gym membership", "description", "A month", "stock", 3))
                .post("/api/perks").then().statusCode(201).extract().path("id")).longValue();

        String employee = token(given().contentType(ContentType.JSON)
                .body(Map.of("email", Api.uniqueEmail(), "password", Api.PASSWORD, "displayName", "Workload User"))
                .post("/api/auth/register").then().statusCode(201).extract().path("accessToken"));
        given().get("/api/perks").then().statusCode(200).body("total", equalTo(1));
        for (int read = 0; read < 50; read++) {
            given().get("/api/perks/" + perk).then().statusCode(200).body("title", equalTo("Gym membership"));
        }
        given().header("Authorization", employee).header("Idempotency-Key", "workload-1")
                .post("/api/perks/" + perk + "/claims").then().statusCode(201).header("Idempotent-Replayed", "false");
        given().header("Authorization", employee).header("Idempotency-Key", "workload-1")
                .post("/api/perks/" + perk + "/claims").then().statusCode(201).header("Idempotent-Replayed", "true");
        given().header("Authorization", employee).get("/api/users/me/claims").then().statusCode(200).body("$", hasSize(1));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("stock", 10))
                .patch("/api/perks/" + perk).then().statusCode(200).body("stock", equalTo(10));

        given().get("/api/perks/999999").then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"email\":").post("/api/auth/login").then().statusCode(400);
        given().header("Authorization", "Bearer not-a-token").get("/api/users/me").then().statusCode(401);
        given().header("Authorization", employee).contentType(ContentType.JSON).body(Map.of("title", "Mine"))
                .post("/api/perks").then().statusCode(403);
    }

    private static String token(String accessToken) {
        return "Bearer " + accessToken;
    }
}
