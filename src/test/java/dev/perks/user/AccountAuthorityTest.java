package dev.perks.user;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perks.testing.Api;
import dev.perks.testing.Api.Session;
import dev.perks.testing.ApiTestResource;
import dev.perks.testing.Db;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Authority is read from the users table on every authenticated request, so tokens that are still
 * valid carry no power their account has lost: the attacks of issue 9, replayed against the API.
 */
@QuarkusTest
@WithTestResource(value = ApiTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AccountAuthorityTest {

    @BeforeEach
    void serviceIsReady() {
        Api.awaitReady();
    }

    @Test
    void aDemotedAdminLosesAdminRightsAtOnceWhateverTokenItHolds() {
        Session admin = Api.admin();
        Session promoted = promotedAdmin(admin);
        Session bystander = Api.employee();
        promoted.request().get("/api/users").then().statusCode(200); // admin while the table says so

        patch(admin, promoted.id(), Map.of("role", "employee")).statusCode(200);

        promoted.request().get("/api/users").then().statusCode(403).body("type", endsWith("/forbidden"));
        patch(promoted, bystander.id(), Map.of("active", false)).statusCode(403);
        promoted.request().contentType(ContentType.JSON).body(Map.of("title", "Mine", "stock", 1))
                .post("/api/perks").then().statusCode(403);
        assertEquals("t", Db.queryString("SELECT active FROM users WHERE id = ?", bystander.id()));
        promoted.request().get("/api/users/me").then().statusCode(200).body("role", equalTo("employee"));
    }

    @Test
    void aDeactivatedAccountCanDoNothingThatNeedsAuthentication() {
        Session admin = Api.admin();
        Session user = Api.employee();
        long perk = Api.createPerk("Deactivation check", 5);

        patch(admin, user.id(), Map.of("active", false)).statusCode(200);

        deactivated(user.request().get("/api/users/me").then());
        deactivated(user.request().get("/api/users/me/claims").then());
        deactivated(user.request().post("/api/perks/" + perk + "/claims").then());
        deactivated(user.request().get("/api/perks?includeInactive=true").then());
        user.request().get("/api/perks/" + perk).then().statusCode(200); // public reads stay public
        assertEquals("5", Db.queryString("SELECT stock FROM perks WHERE id = ?", perk));
    }

    @Test
    void nobodyRaisesTheirOwnRoleOrReactivatesThemselves() {
        Session admin = Api.admin();
        Session user = Api.employee();
        patch(user, user.id(), Map.of("role", "admin")).statusCode(403);
        assertEquals("employee", Db.queryString("SELECT role FROM users WHERE id = ?", user.id()));

        // The attack of issue 9: an admin, demoted and deactivated, replays the token it still holds.
        Session promoted = promotedAdmin(admin);
        patch(admin, promoted.id(), Map.of("role", "employee", "active", false)).statusCode(200);
        deactivated(patch(promoted, promoted.id(), Map.of("role", "admin", "active", true)));
        assertEquals("employee", Db.queryString("SELECT role FROM users WHERE id = ?", promoted.id()));
        assertEquals("f", Db.queryString("SELECT active FROM users WHERE id = ?", promoted.id()));
    }

    @Test
    void aRevokedAdminCannotLockOutAnotherAdmin() {
        Session admin = Api.admin();
        Session otherAdmin = promotedAdmin(admin);
        Session revoked = promotedAdmin(admin);
        patch(admin, revoked.id(), Map.of("active", false)).statusCode(200);

        deactivated(patch(revoked, otherAdmin.id(), Map.of("active", false)));
        deactivated(patch(revoked, admin.id(), Map.of("role", "employee")));

        assertEquals("t", Db.queryString("SELECT active FROM users WHERE id = ?", otherAdmin.id()));
        assertEquals("admin", Db.queryString("SELECT role FROM users WHERE id = ?", admin.id()));
        otherAdmin.request().get("/api/users").then().statusCode(200);
    }

    /** An employee promoted by {@code admin}, signed in afresh so its token says admin. */
    private static Session promotedAdmin(Session admin) {
        Session user = Api.employee();
        patch(admin, user.id(), Map.of("role", "admin")).statusCode(200);
        String token = Api.login(user.email(), Api.PASSWORD, Api.freshAddress())
                .then().statusCode(200).extract().jsonPath().getString("accessToken");
        return new Session(user.id(), user.email(), token);
    }

    private static ValidatableResponse patch(Session caller, long id, Map<String, Object> body) {
        return caller.request().contentType(ContentType.JSON).body(body).patch("/api/users/" + id).then();
    }

    private static void deactivated(ValidatableResponse response) {
        response.statusCode(403).contentType("application/problem+json").body("type", endsWith("/account-deactivated"));
    }
}
