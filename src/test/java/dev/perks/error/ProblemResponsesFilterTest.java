package dev.perks.error;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.testing.Api;
import dev.perks.testing.ApiTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes every endpoint, its schemas and its error answers. */
@QuarkusTest
@WithTestResource(value = ApiTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ProblemResponsesFilterTest {

    @BeforeEach
    void serviceIsReady() {
        Api.awaitReady();
    }

    @TestHTTPResource(value = "/openapi", management = true)
    URL openapi;

    private static final Map<String, List<String>> OPERATIONS = Map.of(
            "/api/auth/register", List.of("post:201,400,409,413,429,503"),
            "/api/auth/login", List.of("post:200,400,401,403,429,503"),
            "/api/users/me", List.of("get:200,401,403,503"),
            "/api/users", List.of("get:200,400,401,403,503"),
            "/api/users/{id}", List.of("patch:200,400,401,403,404,409,503"),
            "/api/perks", List.of("get:200,400,401,403,503", "post:201,400,401,403,413,503"),
            "/api/perks/{id}", List.of("get:200,404,503", "patch:200,400,401,403,404,503"),
            "/api/perks/{id}/claims", List.of("post:201,400,401,403,404,409,422,503"),
            "/api/users/me/claims", List.of("get:200,401,403,503"));

    @Test
    void everyEndpointItsSchemasAndItsErrorsAreDescribed() {
        JsonPath doc = given().accept("application/json").get(openapi + "?format=json")
                .then().statusCode(200).extract().jsonPath();
        List<String> missing = new ArrayList<>();
        OPERATIONS.forEach((path, operations) -> {
            for (String operation : operations) {
                String method = operation.substring(0, operation.indexOf(':'));
                Map<String, Object> responses = doc.getMap("paths.'" + path + "'." + method + ".responses");
                if (responses == null) {
                    missing.add(method.toUpperCase() + " " + path);
                    continue;
                }
                for (String status : operation.substring(operation.indexOf(':') + 1).split(",")) {
                    if (!responses.containsKey(status)) {
                        missing.add(method.toUpperCase() + " " + path + " " + status);
                    } else if (status.compareTo("400") >= 0 && doc.getString("paths.'" + path + "'." + method + ".responses.'"
                            + status + "'.content.'application/problem+json'.schema.$ref") == null) {
                        missing.add(method.toUpperCase() + " " + path + " " + status + " without a problem+json schema");
                    }
                }
            }
        });
        assertEquals(List.of(), missing);
        for (String schema : new String[] { "Problem", "FieldError", "RegisterRequest", "LoginRequest", "AuthResponse", "User",
                "UserUpdate", "Perk", "NewPerk", "PerkUpdate", "Claim" }) {
            assertNotNull(doc.get("components.schemas." + schema), "schema " + schema);
        }
        assertNotNull(doc.get("components.securitySchemes"), "bearer security scheme");
        assertTrue(doc.getString("paths.'/api/perks/{id}/claims'.post.parameters.name").contains("Idempotency-Key"));
    }
}
