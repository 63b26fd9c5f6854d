package dev.perks.lifecycle.config;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.testing.Api.Session;
import dev.perks.testing.Api;
import dev.perks.testing.Concurrently;
import dev.perks.testing.Db;
import dev.perks.testing.Health;
import dev.perks.testing.PgBouncerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The service behind a real PgBouncer in transaction mode, its 32-connection pool multiplexed onto
 * three server connections, with {@code PERKS_DATABASE_POOLER=transaction}: reads, concurrent
 * claims, idempotent replays and readiness behave exactly as with a direct connection.
 */
@QuarkusTest
@WithTestResource(value = PgBouncerResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@EnabledIf("dev.perks.testing.PgBouncer#isInstalled")
class BehindPgBouncerTest {

    private static final String DATABASE = PgBouncerResource.DATABASE;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @BeforeEach
    void serviceIsReady() {
        Api.awaitReady();
    }

    @Test
    void readinessIsUpThroughThePooler() {
        Response readiness = Health.get(ready);
        assertEquals(200, readiness.statusCode(), readiness.asString());
        assertEquals("UP", Health.check(readiness, "database").getString("status"));
        assertEquals("ready", Health.check(readiness, "schema").getString("data.state"));
    }

    @Test
    void concurrentReadsShareTheFewServerConnections() throws Exception {
        List<Long> perks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            perks.add(Api.createPerk("Pooled read " + i, 10));
        }
        List<Callable<Integer>> reads = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            long perk = perks.get(i % perks.size());
            reads.add(() -> given().get("/api/perks/" + perk).statusCode());
        }
        assertEquals(Map.of(200, 64L), count(Concurrently.run(reads), Function.identity()));
        given().get("/api/perks?size=50").then().statusCode(200);

        long serverConnections = Db.queryLongIn(DATABASE, "SELECT count(*) FROM pg_stat_activity WHERE datname = ?"
                + " AND application_name LIKE 'perks-service%' AND application_name NOT LIKE '%-migrator'", DATABASE);
        assertTrue(serverConnections <= PgBouncerResource.SERVER_POOL_SIZE + 1, // + the probe's own check, at most one at a time
                serverConnections + " server connections for a pool of " + PgBouncerResource.SERVER_POOL_SIZE);
    }

    @Test
    void concurrentClaimsNeverOversell() throws Exception {
        long perk = Api.createPerk("Scarce behind the pooler", 5);
        List<Session> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(Api.employee());
        }
        List<Callable<Integer>> claims = users.stream()
                .<Callable<Integer>>map(user -> () -> user.request().post("/api/perks/" + perk + "/claims").statusCode())
                .toList();
        assertEquals(Map.of(201, 5L, 409, 15L), count(Concurrently.run(claims), Function.identity()));
        assertEquals(5, Db.queryLongIn(DATABASE, "SELECT count(*) FROM claims WHERE perk_id = ?", perk));
        assertEquals(0, Db.queryLongIn(DATABASE, "SELECT stock FROM perks WHERE id = ?", perk));
    }

    @Test
    void concurrentReplaysOfOneKeyMakeOneClaim() throws Exception {
        long perk = Api.createPerk("Replayed behind the pooler", 3);
        Session user = Api.employee();
        List<Callable<Response>> replays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            replays.add(() -> user.request().header("Idempotency-Key", "pooled-order-1").post("/api/perks/" + perk + "/claims"));
        }
        List<Response> answers = Concurrently.run(replays);
        assertEquals(Map.of(201, 8L), count(answers, Response::statusCode));
        assertEquals(1, answers.stream().map(Response::jsonPath).map(json -> json.getLong("id")).distinct().count());
        assertEquals(Map.of("false", 1L, "true", 7L), count(answers, answer -> answer.header("Idempotent-Replayed")));
        assertEquals(1, Db.queryLongIn(DATABASE, "SELECT count(*) FROM claims WHERE perk_id = ?", perk));
        assertEquals(2, Db.queryLongIn(DATABASE, "SELECT stock FROM perks WHERE id = ?", perk));
    }

    private static <T, K> Map<K, Long> count(List<T> items, Function<T, K> key) {
        return items.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }
}
