package dev.perks.lifecycle.guard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.testing.Api;
import dev.perks.testing.Db;
import dev.perks.testing.FaultProxy;
import dev.perks.testing.PostgresProxyResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 503 tells the truth through COMMIT (SPEC §5): the request's deadline never fires during COMMIT;
 * a COMMIT whose reply is late is resolved from the server before the client is answered, and the
 * answer matches the rows. The fault proxy holds back only the chunk that carries the COMMIT.
 */
@QuarkusTest
@TestProfile(CommitOutcomeTest.ShortCommitWait.class)
@WithTestResource(value = PostgresProxyResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS, initArgs = {
        @ResourceArg(name = "database", value = CommitOutcomeTest.DATABASE) })
class CommitOutcomeTest {

    static final String DATABASE = "perks_it_commit";
    private static final Duration COMMIT_TIMEOUT = Duration.ofMillis(500);
    /** Well past the request budget (2 s): a deadline that covered COMMIT would answer 503 first. */
    private static final long HELD_MILLIS = 3_000;

    public static class ShortCommitWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("perks.database.commit-timeout", COMMIT_TIMEOUT.toMillis() + "ms",
                    "perks.auth.throttle.key-prefix", "perks-test:" + UUID.randomUUID() + ":");
        }
    }

    private FaultProxy proxy;

    @BeforeEach
    void ready() {
        proxy = PostgresProxyResource.proxy();
        Api.awaitReady();
    }

    @AfterEach
    void release() {
        proxy.releaseHolds();
    }

    @Test
    void aCommitWhoseReplyIsLateIsAnsweredAsTheCommittedClaim() {
        long perk = perkWithStock(5);
        Api.Session user = Api.employee();

        proxy.hold(FaultProxy.Direction.TO_CLIENT, "COMMIT", HELD_MILLIS);
        long before = System.nanoTime();
        Response claim = user.request().post("/api/perks/" + perk + "/claims");
        long tookMillis = Duration.ofNanos(System.nanoTime() - before).toMillis();

        assertEquals(201, claim.statusCode(), claim.asString());
        assertTrue(tookMillis < HELD_MILLIS, "answered after " + tookMillis + " ms: it waited for the late reply");
        assertEquals(claim.jsonPath().getLong("id"),
                Db.queryLongIn(DATABASE, "SELECT id FROM claims WHERE user_id = ? AND perk_id = ?", user.id(), perk));
        assertEquals(4, Db.queryLongIn(DATABASE, "SELECT stock FROM perks WHERE id = ?", perk));
    }

    @Test
    void aCommitThatHasNotReachedTheServerIsStoppedAndAnswered503() {
        long perk = perkWithStock(5);
        Api.Session user = Api.employee();

        proxy.hold(FaultProxy.Direction.TO_SERVER, "COMMIT", HELD_MILLIS);
        Response claim = user.request().post("/api/perks/" + perk + "/claims");

        assertEquals(503, claim.statusCode(), claim.asString());
        assertEquals("1", claim.header("Retry-After"));
        // The held COMMIT reaches the server later: it must find nothing left to commit.
        await().during(Duration.ofMillis(HELD_MILLIS + 500)).atMost(Duration.ofMillis(HELD_MILLIS + 3_000))
                .until(() -> claims(user.id(), perk) == 0
                        && Db.queryLongIn(DATABASE, "SELECT stock FROM perks WHERE id = ?", perk) == 5);
        proxy.releaseHolds();
        // And the service is fine afterwards: the same claim goes through.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> user.request().post("/api/perks/" + perk + "/claims").statusCode() == 201);
        assertEquals(1, claims(user.id(), perk));
    }

    private static long claims(long user, long perk) {
        return Db.queryLongIn(DATABASE, "SELECT count(*) FROM claims WHERE user_id = ? AND perk_id = ?", user, perk);
    }

    private static long perkWithStock(int stock) {
        return Db.queryLongIn(DATABASE, "INSERT INTO perks (title, description, stock, active, created_at)"
                + " VALUES ('Held', 'commit test', ?, true, now()) RETURNING id", stock);
    }
}
