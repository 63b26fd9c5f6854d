package dev.perks.user;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perks.testing.Api;
import dev.perks.testing.Api.Session;
import dev.perks.testing.ApiTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every endpoint × anonymous / employee / admin: the status each caller gets. */
@QuarkusTest
@WithTestResource(value = ApiTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AuthorizationMatrixTest {

    @BeforeEach
    void serviceIsReady() {
        Api.awaitReady();
    }

    private enum Caller { ANONYMOUS, EMPLOYEE, ADMIN }

    /** One row: how to call the endpoint, and the expected status for anonymous, employee, admin. */
    private record Row(String endpoint, Function<RequestSpecification, Response> call, int anonymous, int employee, int admin) {
    }

    @Test
    void eachRoleGetsExactlyWhatItIsAllowed() {
        long perk = Api.createPerk("Matrix", 100);
        long target = Api.employee().id();
        List<Row> rows = List.of(
                new Row("POST /api/auth/register", r -> r.contentType(ContentType.JSON)
                        .body(Map.of("email", Api.uniqueEmail(), "password", Api.PASSWORD, "displayName", "M"))
                        .post("/api/auth/register"), 201, 201, 201),
                new Row("POST /api/auth/login", r -> r.contentType(ContentType.JSON)
                        .header("X-Forwarded-For", Api.freshAddress())
                        .body(Map.of("email", ApiTestResource.ADMIN_EMAIL, "password", ApiTestResource.ADMIN_PASSWORD))
                        .post("/api/auth/login"), 200, 200, 200),
                new Row("GET /api/users/me", r -> r.get("/api/users/me"), 401, 200, 200),
                new Row("GET /api/users", r -> r.get("/api/users"), 401, 403, 200),
                new Row("PATCH /api/users/{id}", r -> r.contentType(ContentType.JSON).body(Map.of("active", true))
                        .patch("/api/users/" + target), 401, 403, 200),
                new Row("GET /api/perks", r -> r.get("/api/perks"), 200, 200, 200),
                new Row("GET /api/perks?includeInactive=true", r -> r.get("/api/perks?includeInactive=true"), 401, 403, 200),
                new Row("GET /api/perks/{id}", r -> r.get("/api/perks/" + perk), 200, 200, 200),
                new Row("POST /api/perks", r -> r.contentType(ContentType.JSON).body(Map.of("title", "M", "stock", 1))
                        .post("/api/perks"), 401, 403, 201),
                new Row("PATCH /api/perks/{id}", r -> r.contentType(ContentType.JSON).body(Map.of("stock", 100))
                        .patch("/api/perks/" + perk), 401, 403, 200),
                new Row("POST /api/perks/{id}/claims", r -> r.post("/api/perks/" + perk + "/claims"), 401, 201, 201),
                new Row("GET /api/users/me/claims", r -> r.get("/api/users/me/claims"), 401, 200, 200));

        List<String> mismatches = new ArrayList<>();
        for (Row row : rows) {
            for (Caller caller : Caller.values()) {
                Response response = row.call().apply(request(caller));
                int expected = switch (caller) {
                    case ANONYMOUS -> row.anonymous();
                    case EMPLOYEE -> row.employee();
                    case ADMIN -> row.admin();
                };
                if (response.statusCode() != expected) {
                    mismatches.add(row.endpoint() + " as " + caller + ": " + response.statusCode() + " (expected " + expected
                            + ")");
                } else if (expected >= 400 && !"application/problem+json".equals(response.contentType())) {
                    mismatches.add(row.endpoint() + " as " + caller + ": " + expected + " is not problem+json");
                } else if (expected == 401 && !"Bearer".equals(response.header("WWW-Authenticate"))) {
                    mismatches.add(row.endpoint() + " as " + caller + ": 401 without WWW-Authenticate: Bearer");
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }

    private static RequestSpecification request(Caller caller) {
        return switch (caller) {
            case ANONYMOUS -> given();
            case EMPLOYEE -> Api.employee().request(); // a fresh employee per call: claims stay first claims
            case ADMIN -> freshAdmin().request();
        };
    }

    /** A new admin per call, promoted by the bootstrap admin, so the admin's one claim per perk is never spent. */
    private static Session freshAdmin() {
        Session user = Api.employee();
        Api.admin().request().contentType(ContentType.JSON).body(Map.of("role", "admin")).patch("/api/users/" + user.id())
                .then().statusCode(200);
        String token = Api.login(user.email(), Api.PASSWORD, Api.freshAddress()).then().statusCode(200)
                .extract().jsonPath().getString("accessToken");
        return new Session(user.id(), user.email(), token);
    }
}
