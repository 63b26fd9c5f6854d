package dev.perks.claim;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.testing.Api.Session;
import dev.perks.testing.Api;
import dev.perks.testing.ApiTestResource;
import dev.perks.testing.Db;
import dev.perks.testing.TestDatabases;
import dev.perks.testing.TestServers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 503 tells the truth: claims stuck behind a row lock for longer than the request timeout are
 * cancelled by PostgreSQL (the transaction's statement timeout) before the client is answered, so
 * none of them commits when the lock goes. A lock wait is the request's problem, not an outage:
 * readiness stays UP and the breaker stays closed.
 */
@QuarkusTest
@WithTestResource(value = ApiTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ClaimUnderLockTest {

    private static final int CLAIMS = 6;
    private static final long REQUEST_TIMEOUT_MILLIS = 2_000;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @BeforeEach
    void serviceIsReady() {
        Api.awaitReady();
    }

    @Test
    void claimsBehindAHeldLockAre503AndNeverCommitLater() throws Exception {
        long perk = Api.createPerk("Locked perk", 100);
        List<Session> users = new ArrayList<>();
        for (int i = 0; i < CLAIMS; i++) {
            users.add(Api.employee());
        }
        ConcurrentLinkedQueue<Integer> readiness = new ConcurrentLinkedQueue<>();
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        ExecutorService clients = Executors.newFixedThreadPool(CLAIMS);
        List<Response> answers = new ArrayList<>();
        long slowest = 0;
        try (Connection lock = DriverManager.getConnection("jdbc:postgresql://" + TestServers.HOST + ":"
                + TestServers.postgresPort() + "/" + ApiTestResource.DATABASE, "postgres", "")) {
            lock.setAutoCommit(false);
            try (PreparedStatement select = lock.prepareStatement("SELECT stock FROM perks WHERE id = ? FOR UPDATE")) {
                select.setLong(1, perk);
                select.executeQuery();
            }
            watcher.scheduleAtFixedRate(() -> readiness.add(given().get(ready).statusCode()), 0, 50, TimeUnit.MILLISECONDS);
            long started = System.nanoTime();
            List<CompletableFuture<Response>> claims = users.stream().map(user -> CompletableFuture.supplyAsync(
                    () -> user.request().post("/api/perks/" + perk + "/claims").andReturn(), clients)).toList();
            for (CompletableFuture<Response> claim : claims) {
                answers.add(claim.get(10, TimeUnit.SECONDS)); // every answer arrives while the lock is still held
            }
            slowest = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            lock.rollback(); // the lock goes: anything still waiting on it could commit now
        } finally {
            watcher.shutdownNow();
            clients.shutdownNow();
        }

        long created = answers.stream().filter(r -> r.statusCode() == 201).count();
        for (Response answer : answers.stream().filter(r -> r.statusCode() != 201).toList()) {
            assertEquals(503, answer.statusCode(), answer.asString());
            assertEquals("statement-timeout", answer.jsonPath().getString("reason"));
            assertTrue(answer.header("Retry-After") != null);
        }
        assertTrue(slowest <= REQUEST_TIMEOUT_MILLIS + 500, "answered after " + slowest + " ms");
        System.out.printf("[figures] %d claims behind a held lock: %d x 201, %d x 503 within %d ms; claim rows %s%n",
                CLAIMS, created, CLAIMS - created, slowest,
                Db.queryString("SELECT count(*) FROM claims WHERE perk_id = ?", perk));
        // Nothing answered 503 commits afterwards: the server cancelled it before the client was told.
        org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(500)).atMost(java.time.Duration.ofSeconds(2))
                .until(() -> Db.queryLong("SELECT count(*) FROM claims WHERE perk_id = ?", perk) == created);
        assertEquals(100 - created, Db.queryLong("SELECT stock FROM perks WHERE id = ?", perk));
        assertTrue(readiness.size() > 10 && readiness.stream().allMatch(status -> status == 200),
                "readiness went DOWN during a lock wait: " + readiness);
        given().get("/api/perks/" + perk).then().statusCode(200);
        users.get(0).request().post("/api/perks/" + perk + "/claims").then().statusCode(201);
    }
}
