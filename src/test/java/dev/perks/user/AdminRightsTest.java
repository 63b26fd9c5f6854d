package dev.perks.user;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.testing.Api;
import dev.perks.testing.Api.Session;
import dev.perks.testing.Concurrently;
import dev.perks.testing.Db;
import dev.perks.testing.OwnAdminsResource;
import dev.perks.testing.TestServers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Admin rights are decided in the transaction that writes the change, and the service never has
 * zero active admins. Runs on a database of its own: it demotes the bootstrap admin.
 */
@QuarkusTest
@WithTestResource(value = OwnAdminsResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class AdminRightsTest {

    private static final int ROUNDS = 20;

    @BeforeEach
    void serviceIsReady() {
        Api.awaitReady();
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceNeverLeaveZeroAdmins() throws Exception {
        Session first = Api.admin();
        Session second = promoted(Api.employee());
        assertEquals(2, activeAdmins());
        for (int round = 0; round < ROUNDS; round++) {
            // Alternate the two ways of removing an admin.
            Map<String, Object> removal = round % 2 == 0 ? Map.of("role", "employee") : Map.of("active", false);
            Session a = first;
            Session b = second;
            List<Response> answers = Concurrently.run(List.of(
                    () -> patchUser(a, b.id(), removal),
                    () -> patchUser(b, a.id(), removal)));
            Set<Integer> statuses = Set.of(answers.get(0).statusCode(), answers.get(1).statusCode());
            assertEquals(1, activeAdmins(), "round " + round + ": exactly one admin is left, answers " + statuses);
            assertTrue(statuses.contains(200), "round " + round + ": one removal wins, answers " + statuses);
            Response refused = answers.get(0).statusCode() == 200 ? answers.get(1) : answers.get(0);
            assertTrue(Set.of(403, 409).contains(refused.statusCode()), "round " + round + ": " + refused.asString());
            assertEquals("application/problem+json", refused.contentType());
            if (refused.statusCode() == 409) {
                assertEquals("https://perks.dev/problems/last-admin", refused.jsonPath().getString("type"));
            }

            // The survivor brings the other back for the next round.
            Session survivor = answers.get(0).statusCode() == 200 ? a : b;
            Session loser = survivor == a ? b : a;
            patchUser(survivor, loser.id(), Map.of("role", "admin", "active", true)).then().statusCode(200);
            assertEquals(2, activeAdmins());
        }
    }

    @Test
    void aDemotionCommittedBeforeAPerkWriteMakesThatWrite403() throws Exception {
        Session admin = promoted(Api.employee());
        long perk = Api.createPerk("In-flight perk", 5);
        Response answer = demotedWhileInFlight(admin, session -> session.request().contentType(ContentType.JSON)
                .body(Map.of("title", "Written by a demoted admin")).patch("/api/perks/" + perk));
        answer.then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://perks.dev/problems/forbidden"));
        assertEquals("In-flight perk", Db.queryStringIn(OwnAdminsResource.DATABASE, "SELECT title FROM perks WHERE id = ?", perk));
    }

    @Test
    void aDemotionCommittedBeforeAUserWriteMakesThatWrite403() throws Exception {
        Session admin = promoted(Api.employee());
        Session target = Api.employee();
        Response answer = demotedWhileInFlight(admin, session -> patchUser(session, target.id(), Map.of("role", "admin")));
        answer.then().statusCode(403).contentType("application/problem+json");
        assertEquals("employee", Db.queryStringIn(OwnAdminsResource.DATABASE, "SELECT role FROM users WHERE id = ?", target.id()));
    }

    /**
     * Sends the admin's write while the test holds the admin's row; once the write waits on it in
     * its transaction (after the role check at the door passed), the demotion commits.
     */
    private static Response demotedWhileInFlight(Session admin, Function<Session, Response> write) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + TestServers.postgres() + "/" + OwnAdminsResource.DATABASE, "postgres", "")) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement("SELECT id FROM users WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, admin.id());
                lock.executeQuery().close();
            }
            CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(() -> write.apply(admin));
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> blockedBackends() > 0);
            try (PreparedStatement demote = connection.prepareStatement("UPDATE users SET role = 'employee' WHERE id = ?")) {
                demote.setLong(1, admin.id());
                demote.executeUpdate();
            }
            connection.commit();
            return inFlight.get(10, TimeUnit.SECONDS);
        }
    }

    private static long blockedBackends() {
        return Db.queryLongIn(OwnAdminsResource.DATABASE, "SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%users%'");
    }

    private static Session promoted(Session employee) {
        patchUser(Api.admin(), employee.id(), Map.of("role", "admin")).then().statusCode(200);
        return employee;
    }

    private static Response patchUser(Session caller, long id, Map<String, Object> body) {
        return caller.request().contentType(ContentType.JSON).body(body).patch("/api/users/" + id);
    }

    private static long activeAdmins() {
        return Db.queryLongIn(OwnAdminsResource.DATABASE, "SELECT count(*) FROM users WHERE role = 'admin' AND active");
    }
}
