package dev.perks.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.perks.testing.Api;
import dev.perks.testing.ApiTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PostgreSQL cannot store U+0000 (SQLSTATE 22021): every text field refuses it with a 400 naming
 * the field, wherever it sits in the string; one-line fields refuse every control character. A
 * password may hold anything, since only its hash is stored. Paths that one layer could read as
 * another path are refused before routing.
 */
@QuarkusTest
@WithTestResource(value = ApiTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class StorableInputTest {

    private static final String[] NULS = { "in\u0000side", "\u0000leading", "trailing\u0000" };

    @BeforeEach
    void serviceIsReady() {
        Api.awaitReady();
    }

    @Test
    void signUpRefusesNulInEmailAndDisplayName() {
        for (String nul : NULS) {
            register(nul.replace("side", "") + "@example.com", Api.PASSWORD, "Dana").then()
                    .statusCode(400).body("errors.field", hasItem("email"));
            register(Api.uniqueEmail(), Api.PASSWORD, "Dana " + nul).then()
                    .statusCode(400).body("errors.field", hasItem("displayName"))
                    .body("errors.message", hasItem("must not contain control or invisible formatting characters"));
        }
        register(Api.uniqueEmail(), Api.PASSWORD, "Tab\there").then().statusCode(400).body("errors[0].field", equalTo("displayName"));
    }

    /** C1 controls, bidirectional overrides and isolates, zero-width and other invisible format characters. */
    private static final String[] INVISIBLES = { "\u0085", "\u009b", "\u202e", "\u202a", "\u2066", "\u2069", "\u200b",
            "\u200d", "\u200f", "\u00ad", "\ufeff", "\u2028" };

    @Test
    void oneLineFieldsRefuseC1ControlsAndInvisibleFormatCharacters() {
        long perk = Api.createPerk("Visible perk", 3);
        for (String invisible : INVISIBLES) {
            register("a" + invisible + "b@example.com", Api.PASSWORD, "Dana").then()
                    .statusCode(400).body("errors.field", hasItem("email"));
            register(Api.uniqueEmail(), Api.PASSWORD, "Dana" + invisible + "Evil").then()
                    .statusCode(400).body("errors[0].field", equalTo("displayName"))
                    .body("errors[0].message", equalTo("must not contain control or invisible formatting characters"));
            perk(Map.of("title", "Ti" + invisible + "tle", "stock", 1)).post("/api/perks")
                    .then().statusCode(400).body("errors[0].field", equalTo("title"));
            perk(Map.of("title", "Ti" + invisible + "tle")).patch("/api/perks/" + perk)
                    .then().statusCode(400).body("errors[0].field", equalTo("title"));
        }
        // Descriptions are multi-line prose: C1 controls are refused there too, right-to-left marks are not.
        perk(Map.of("title", "Fine", "description", "Te\u0085xt", "stock", 1)).post("/api/perks")
                .then().statusCode(400).body("errors[0].field", equalTo("description"));
        perk(Map.of("title", "Fine", "description", "\u05e9\u05dc\u05d5\u05dd \u200f!", "stock", 1)).post("/api/perks")
                .then().statusCode(201);
    }

    @Test
    void aPasswordMayHoldAnyCharacter() {
        String email = Api.uniqueEmail();
        String password = "pass\u0000word\u0007\n-long";
        register(email, password, "Nul Password").then().statusCode(201);
        Api.login(email, password, Api.freshAddress()).then().statusCode(200);
        Api.login(email, "pass", Api.freshAddress()).then().statusCode(401);
    }

    @Test
    void signInRefusesNulInTheEmail() {
        for (String nul : NULS) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", Api.freshAddress())
                    .body(Map.of("email", "a" + nul + "@example.com", "password", "whatever-pass"))
                    .post("/api/auth/login")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("email"));
        }
    }

    @Test
    void perkTitlesAndDescriptionsRefuseNul() {
        long perk = Api.createPerk("Storable perk", 3);
        for (String nul : NULS) {
            perk(Map.of("title", "Title " + nul, "stock", 1)).post("/api/perks")
                    .then().statusCode(400).body("errors[0].field", equalTo("title"));
            perk(Map.of("title", "Fine", "description", "Text " + nul, "stock", 1)).post("/api/perks")
                    .then().statusCode(400).body("errors[0].field", equalTo("description"));
            perk(Map.of("title", "Title " + nul)).patch("/api/perks/" + perk)
                    .then().statusCode(400).body("errors[0].field", equalTo("title"));
            perk(Map.of("description", "Text " + nul)).patch("/api/perks/" + perk)
                    .then().statusCode(400).body("errors[0].field", equalTo("description"));
        }
        // Line breaks belong in a description, not in a title.
        perk(Map.of("title", "Multi-line", "description", "Line one\nLine two\tTabbed", "stock", 1)).post("/api/perks")
                .then().statusCode(201).body("description", equalTo("Line one\nLine two\tTabbed"));
        perk(Map.of("title", "Line\nbreak")).patch("/api/perks/" + perk).then().statusCode(400);
        given().get("/api/perks/" + perk).then().statusCode(200).body("title", equalTo("Storable perk"));
    }

    @Test
    void queryParametersRefuseNul() {
        given().urlEncodingEnabled(false).get("/api/perks?page=%00").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
        Api.admin().request().urlEncodingEnabled(false).get("/api/users?active=true%00").then().statusCode(400)
                .body("errors[0].field", equalTo("active"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/perks;jsessionid=1", "/api/perks/1;x=2", "/api/perks%2F1", "/api/perks/1%2f",
            "/api/perks/%5C1", "/api/perks/%00", "/api/users/me;/claims", "/api;/perks" })
    void ambiguousPathsAreRefusedNotServedAsAnotherPath(String path) {
        ValidatableResponse response = given().urlEncodingEnabled(false).get(path).then();
        response.statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/invalid-path")).body("status", equalTo(400));
    }

    private static io.restassured.response.Response register(String email, String password, String displayName) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Api.freshAddress())
                .body(Map.of("email", email, "password", password, "displayName", displayName))
                .post("/api/auth/register").andReturn();
    }

    private static io.restassured.specification.RequestSpecification perk(Map<String, Object> body) {
        return Api.admin().request().contentType(ContentType.JSON).body(body);
    }
}
