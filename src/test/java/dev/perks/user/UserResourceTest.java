package dev.perks.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import dev.perks.testing.Api;
import dev.perks.testing.Api.Session;
import dev.perks.testing.ApiTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ApiTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UserResourceTest {

    @BeforeEach
    void serviceIsReady() {
        Api.awaitReady();
    }

    @Test
    void meIsTheCallersAccount() {
        Session user = Api.employee();
        user.request().get("/api/users/me").then().statusCode(200)
                .body("id", equalTo((int) user.id()))
                .body("email", equalTo(user.email()))
                .body("displayName", equalTo("Test User"))
                .body("role", equalTo("employee"))
                .body("active", equalTo(true))
                .body("$", not(org.hamcrest.Matchers.hasKey("passwordHash")));
    }

    @Test
    void adminsPageThroughAccountsAndFilterByActive() {
        Session inactive = Api.employee();
        for (int i = 0; i < 3; i++) {
            Api.employee();
        }
        Session admin = Api.admin();
        admin.request().contentType(ContentType.JSON).body(Map.of("active", false))
                .patch("/api/users/" + inactive.id()).then().statusCode(200);

        admin.request().get("/api/users?page=0&size=2").then().statusCode(200)
                .body("items", hasSize(2)).body("page", equalTo(0)).body("size", equalTo(2))
                .body("total", greaterThanOrEqualTo(5));
        admin.request().get("/api/users?size=100&active=false").then().statusCode(200)
                .body("items.active", everyItem(equalTo(false)))
                .body("items.id", hasItem((int) inactive.id()));
        admin.request().get("/api/users?size=100&active=true").then().statusCode(200)
                .body("items.active", everyItem(equalTo(true)))
                .body("items.id", not(hasItem((int) inactive.id())))
                .body("items.size()", lessThanOrEqualTo(100));
        admin.request().get("/api/users?size=101").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("size"));
        admin.request().get("/api/users?active=yes").then().statusCode(400).body("errors[0].field", equalTo("active"));
        admin.request().get("/api/users?page=-1").then().statusCode(400).body("errors[0].field", equalTo("page"));
    }

    @Test
    void adminsChangeRolesAndTheNewRoleComesWithTheNextToken() {
        Session user = Api.employee();
        Api.admin().request().contentType(ContentType.JSON).body(Map.of("role", "admin"))
                .patch("/api/users/" + user.id()).then().statusCode(200)
                .body("role", equalTo("admin")).body("active", equalTo(true)).body("email", equalTo(user.email()));
        String token = Api.login(user.email(), Api.PASSWORD, Api.freshAddress()).then().statusCode(200)
                .extract().jsonPath().getString("accessToken");
        given().header("Authorization", "Bearer " + token).get("/api/users").then().statusCode(200);
    }

    @Test
    void patchRejectsWhatItCannotApply() {
        Session admin = Api.admin();
        Session user = Api.employee();
        admin.request().contentType(ContentType.JSON).body(Map.of("role", "superuser"))
                .patch("/api/users/" + user.id()).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("role"))
                .body("errors[0].message", equalTo("must be one of employee, admin"));
        admin.request().contentType(ContentType.JSON).body(Map.of("active", "no"))
                .patch("/api/users/" + user.id()).then().statusCode(400).body("errors[0].field", equalTo("active"));
        admin.request().contentType(ContentType.JSON).body(Map.of("email", "x@y.z"))
                .patch("/api/users/" + user.id()).then().statusCode(400).body("errors[0].field", equalTo("email"));
        admin.request().contentType(ContentType.JSON).body("{}")
                .patch("/api/users/" + user.id()).then().statusCode(400).body("errors[0].field", equalTo("body"));
        admin.request().contentType(ContentType.JSON).body(Map.of("active", false))
                .patch("/api/users/999999999").then().statusCode(404).contentType("application/problem+json");
        admin.request().contentType(ContentType.JSON).body(Map.of("active", false))
                .patch("/api/users/abc").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anAdminCannotLockThemselvesOut() {
        Session admin = Api.admin();
        admin.request().contentType(ContentType.JSON).body(Map.of("active", false))
                .patch("/api/users/" + admin.id()).then().statusCode(409)
                .body("type", equalTo("https://perks.dev/problems/self-lockout"));
        admin.request().contentType(ContentType.JSON).body(Map.of("role", "employee"))
                .patch("/api/users/" + admin.id()).then().statusCode(409);
        admin.request().get("/api/users/me").then().statusCode(200).body("role", equalTo("admin")).body("active", equalTo(true));
    }
}
