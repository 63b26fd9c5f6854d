package dev.perks.perk;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.testing.Api;
import dev.perks.testing.ApiTestResource;
import dev.perks.testing.Db;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ApiTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PerkResourceTest {

    @BeforeEach
    void serviceIsReady() {
        Api.awaitReady();
    }

    @Test
    void adminsPublishPerksThatEveryoneCanRead() {
        String location = Api.admin().request().contentType(ContentType.JSON)
                .body(Map.of("title", "  Spa day  ", "description", "Relax.", "stock", 7))
                .post("/api/perks")
                .then().statusCode(201).contentType(ContentType.JSON)
                .header("Location", matchesPattern(".*/api/perks/\\d+"))
                .body("title", equalTo("Spa day"))
                .body("description", equalTo("Relax."))
                .body("stock", equalTo(7))
                .body("active", equalTo(true))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        given().get("/api/perks/" + id).then().statusCode(200).body("title", equalTo("Spa day"));
        assertEquals(7, Db.queryLong("SELECT stock FROM perks WHERE id = ?", Long.parseLong(id)));
        // Description is optional.
        Api.admin().request().contentType(ContentType.JSON).body(Map.of("title", "Plain", "stock", 0))
                .post("/api/perks").then().statusCode(201).body("description", equalTo(""));
    }

    @Test
    void perkFieldsAreValidated() {
        var admin = Api.admin();
        admin.request().contentType(ContentType.JSON).body(Map.of("title", " ", "description", "d".repeat(2001), "stock", -1))
                .post("/api/perks").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("title", "description", "stock"));
        admin.request().contentType(ContentType.JSON).body(Map.of("title", "t".repeat(121), "stock", 1_000_001))
                .post("/api/perks").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("title", "stock"));
        admin.request().contentType(ContentType.JSON).body("{\"title\":\"x\",\"stock\":\"5\"}")
                .post("/api/perks").then().statusCode(400).body("errors[0].field", equalTo("stock"));
        admin.request().contentType(ContentType.JSON).body("{\"title\":\"x\",\"stock\":1.5}")
                .post("/api/perks").then().statusCode(400).body("errors[0].field", equalTo("stock"));
        admin.request().contentType(ContentType.JSON).body("{\"title\":42,\"stock\":1}")
                .post("/api/perks").then().statusCode(400).body("errors[0].field", equalTo("title"));
        admin.request().contentType(ContentType.JSON).body("{\"title\":\"x\",\"stock\":1,\"title\":\"y\"}")
                .post("/api/perks").then().statusCode(400).contentType("application/problem+json");
        admin.request().contentType(ContentType.JSON).body("{\"title\":\"x\",\"stock\":1} trailing")
                .post("/api/perks").then().statusCode(400).contentType("application/problem+json");
        admin.request().contentType(ContentType.JSON).body("{\"title\":\"x\",")
                .post("/api/perks").then().statusCode(400).body("type", equalTo("https://perks.dev/problems/malformed-json"));
        admin.request().contentType(ContentType.JSON).body("[]")
                .post("/api/perks").then().statusCode(400).contentType("application/problem+json");
        admin.request().contentType(ContentType.JSON)
                .post("/api/perks").then().statusCode(400).contentType("application/problem+json");
        admin.request().contentType(ContentType.TEXT).body("title=x")
                .post("/api/perks").then().statusCode(415).contentType("application/problem+json");
        // Exactly at the limits is fine.
        admin.request().contentType(ContentType.JSON)
                .body(Map.of("title", "t".repeat(120), "description", "d".repeat(2000), "stock", 1_000_000))
                .post("/api/perks").then().statusCode(201);
    }

    @Test
    void bodiesOverSixtyFourKibibytesAreRefused() {
        Api.admin().request().contentType(ContentType.JSON)
                .body("{\"title\":\"x\",\"stock\":1,\"description\":\"" + "d".repeat(70_000) + "\"}")
                .post("/api/perks").then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413)).body("type", equalTo("https://perks.dev/problems/payload-too-large"));
    }

    @Test
    void chunkedBodiesOverTheLimitAreRefusedToo() throws Exception {
        byte[] body = ("{\"title\":\"x\",\"stock\":1,\"description\":\"" + "d".repeat(70_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        // An input-stream body has no known length: HTTP/1.1 sends it chunked, HTTP/2 (h2c) as a stream.
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpResponse<String> response = HttpClient.newBuilder().version(version).build().send(
                    HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":"
                            + RestAssured.port + "/api/perks"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + Api.admin().token())
                            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, response.statusCode());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
            assertTrue(response.body().contains("payload-too-large"), response.body());
        }
    }

    @Test
    void adminsChangeAndDeactivatePerks() {
        long id = Api.createPerk("Patchable", 3);
        var admin = Api.admin();
        admin.request().contentType(ContentType.JSON).body(Map.of("stock", 9, "title", "Patched"))
                .patch("/api/perks/" + id).then().statusCode(200)
                .body("stock", equalTo(9)).body("title", equalTo("Patched")).body("description", equalTo("made by a test"));
        admin.request().contentType(ContentType.JSON).body(Map.of("active", false))
                .patch("/api/perks/" + id).then().statusCode(200).body("active", equalTo(false));

        // Inactive: gone for the public, visible to admins who ask.
        given().get("/api/perks/" + id).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/perks?size=100&page=0").then().statusCode(200).body("items.id", not(hasItem((int) id)));
        long total = Db.queryLong("SELECT count(*) FROM perks");
        admin.request().get("/api/perks?includeInactive=true&size=100&page=" + ((total - 1) / 100)).then().statusCode(200)
                .body("total", equalTo((int) total));
        admin.request().contentType(ContentType.JSON).body(Map.of("active", true))
                .patch("/api/perks/" + id).then().statusCode(200);
        given().get("/api/perks/" + id).then().statusCode(200);

        admin.request().contentType(ContentType.JSON).body("{}").patch("/api/perks/" + id).then().statusCode(400);
        admin.request().contentType(ContentType.JSON).body(Map.of("stock", -5)).patch("/api/perks/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("stock"));
        admin.request().contentType(ContentType.JSON).body(Map.of("title", "")).patch("/api/perks/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("title"));
        admin.request().contentType(ContentType.JSON).body(Map.of("stock", 1)).patch("/api/perks/999999999")
                .then().statusCode(404);
    }

    @Test
    void onlyAdminsMayListInactivePerks() {
        given().get("/api/perks?includeInactive=true").then().statusCode(401).contentType("application/problem+json");
        Api.employee().request().get("/api/perks?includeInactive=true").then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/api/perks?includeInactive=false").then().statusCode(200);
        given().get("/api/perks?includeInactive=maybe").then().statusCode(400);
    }

    @Test
    void badIdsNameNoPerk() {
        for (String id : new String[] { "0", "-1", "abc", "1.5", "99999999999999999999", "%20" }) {
            given().get("/api/perks/" + id).then().statusCode(404).contentType("application/problem+json");
        }
    }
}
