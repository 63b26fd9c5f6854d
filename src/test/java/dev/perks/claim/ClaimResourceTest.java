package dev.perks.claim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perks.testing.Api;
import dev.perks.testing.Api.Session;
import dev.perks.testing.ApiTestResource;
import dev.perks.testing.Concurrently;
import dev.perks.testing.Db;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ApiTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ClaimResourceTest {

    @BeforeEach
    void serviceIsReady() {
        Api.awaitReady();
    }

    @Test
    void aClaimTakesOneUnitAndIsStoredBeforeTheAnswer() {
        long perk = Api.createPerk("Claimable", 2);
        Session user = Api.employee();
        Response created = user.request().post("/api/perks/" + perk + "/claims");
        created.then().statusCode(201).contentType(ContentType.JSON)
                .header("Idempotent-Replayed", "false")
                .body("perkId", equalTo((int) perk))
                .body("userId", equalTo((int) user.id()));
        long claimId = created.jsonPath().getLong("id");
        assertEquals(1, Db.queryLong("SELECT count(*) FROM claims WHERE id = ? AND user_id = ? AND perk_id = ?", claimId,
                user.id(), perk));
        assertEquals(1, Db.queryLong("SELECT stock FROM perks WHERE id = ?", perk));
        given().get("/api/perks/" + perk).then().body("stock", equalTo(1));

        user.request().get("/api/users/me/claims").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].id", equalTo((int) claimId)).body("[0].perkId", equalTo((int) perk));
    }

    @Test
    void oneClaimPerUserAndPerk() {
        long perk = Api.createPerk("Once each", 5);
        Session user = Api.employee();
        user.request().post("/api/perks/" + perk + "/claims").then().statusCode(201);
        user.request().post("/api/perks/" + perk + "/claims").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://perks.dev/problems/already-claimed"));
        user.request().header("Idempotency-Key", "fresh-key").post("/api/perks/" + perk + "/claims").then().statusCode(409)
                .body("type", equalTo("https://perks.dev/problems/already-claimed"));
        assertEquals(4, Db.queryLong("SELECT stock FROM perks WHERE id = ?", perk), "a refused claim takes no stock");
    }

    @Test
    void soldOutUnknownAndInactivePerks() {
        long perk = Api.createPerk("Scarce", 1);
        Api.employee().request().post("/api/perks/" + perk + "/claims").then().statusCode(201);
        Api.employee().request().post("/api/perks/" + perk + "/claims").then().statusCode(409)
                .body("type", equalTo("https://perks.dev/problems/sold-out"));
        Session user = Api.employee();
        user.request().post("/api/perks/999999999/claims").then().statusCode(404).contentType("application/problem+json");
        user.request().post("/api/perks/abc/claims").then().statusCode(404).contentType("application/problem+json");
        long hidden = Api.createPerk("Hidden", 5);
        Api.admin().request().contentType(ContentType.JSON).body(Map.of("active", false)).patch("/api/perks/" + hidden)
                .then().statusCode(200);
        user.request().post("/api/perks/" + hidden + "/claims").then().statusCode(404);
        assertEquals(5, Db.queryLong("SELECT stock FROM perks WHERE id = ?", hidden));
    }

    @Test
    void aDeactivatedAccountCannotClaimWithItsStillValidToken() {
        long perk = Api.createPerk("Not for leavers", 3);
        Session user = Api.employee();
        Api.admin().request().contentType(ContentType.JSON).body(Map.of("active", false)).patch("/api/users/" + user.id())
                .then().statusCode(200);
        user.request().post("/api/perks/" + perk + "/claims").then().statusCode(403)
                .body("type", equalTo("https://perks.dev/problems/account-deactivated"));
        assertEquals(3, Db.queryLong("SELECT stock FROM perks WHERE id = ?", perk));
    }

    @Test
    void theSameKeyReplaysTheOriginalClaim() {
        long perk = Api.createPerk("Replayable", 10);
        long other = Api.createPerk("Other", 10);
        Session user = Api.employee();
        long first = user.request().header("Idempotency-Key", "order-42").post("/api/perks/" + perk + "/claims")
                .then().statusCode(201).header("Idempotent-Replayed", "false").extract().jsonPath().getLong("id");
        user.request().header("Idempotency-Key", "order-42").post("/api/perks/" + perk + "/claims")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo((int) first));
        user.request().header("Idempotency-Key", "order-42").post("/api/perks/" + other + "/claims")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://perks.dev/problems/idempotency-key-reused"));
        assertEquals(9, Db.queryLong("SELECT stock FROM perks WHERE id = ?", perk));
        assertEquals(10, Db.queryLong("SELECT stock FROM perks WHERE id = ?", other));
        // Keys belong to their user: another user's identical key is unrelated.
        Api.employee().request().header("Idempotency-Key", "order-42").post("/api/perks/" + perk + "/claims")
                .then().statusCode(201).header("Idempotent-Replayed", "false");
    }

    @Test
    void malformedIdempotencyKeysAreRefused() {
        long perk = Api.createPerk("Keyed", 10);
        Session user = Api.employee();
        for (String key : new String[] { "", "   ", "k".repeat(256), "tab\tkey", "é-accent" }) {
            Response response = user.request().header("Idempotency-Key", key).post("/api/perks/" + perk + "/claims");
            assertEquals(400, response.statusCode(), "key [" + key + "]");
            response.then().contentType("application/problem+json")
                    .body("errors[0].field", equalTo("Idempotency-Key"));
        }
        user.request().header("Idempotency-Key", "k".repeat(255)).post("/api/perks/" + perk + "/claims")
                .then().statusCode(201);
    }

    @Test
    void underContentionClaimsNeverExceedTheStock() throws Exception {
        int stock = 5;
        int claimants = 40;
        long perk = Api.createPerk("Contended", stock);
        List<Session> users = new ArrayList<>();
        for (int i = 0; i < claimants; i++) {
            users.add(Api.employee());
        }
        List<Integer> statuses = Concurrently.run(users.stream()
                .map(user -> (Callable<Integer>) () -> user.request().post("/api/perks/" + perk + "/claims").statusCode())
                .toList());

        Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertEquals(Map.of(201, (long) stock, 409, (long) (claimants - stock)), byStatus);
        assertEquals(0, Db.queryLong("SELECT stock FROM perks WHERE id = ?", perk));
        assertEquals(stock, Db.queryLong("SELECT count(*) FROM claims WHERE perk_id = ?", perk));
    }

    @Test
    void theSameKeySentInParallelMakesOneClaim() throws Exception {
        long perk = Api.createPerk("Double-clicked", 10);
        Session user = Api.employee();
        int copies = 12;
        List<Response> responses = Concurrently.run(java.util.Collections.nCopies(copies, (Callable<Response>) () -> user.request()
                .header("Idempotency-Key", "double-click").post("/api/perks/" + perk + "/claims").andReturn()));

        List<Long> ids = responses.stream().peek(r -> assertEquals(201, r.statusCode(), r.asString()))
                .map(r -> r.jsonPath().getLong("id")).distinct().toList();
        assertEquals(1, ids.size(), "every copy answers the same claim");
        assertEquals(1, responses.stream().filter(r -> "false".equals(r.header("Idempotent-Replayed"))).count());
        assertEquals(1, Db.queryLong("SELECT count(*) FROM claims WHERE perk_id = ?", perk));
        assertEquals(9, Db.queryLong("SELECT stock FROM perks WHERE id = ?", perk));
    }
}
