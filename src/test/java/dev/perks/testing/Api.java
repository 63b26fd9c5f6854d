package dev.perks.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;

/** Accounts and requests as a client makes them: register, log in, call with a bearer token. */
public final class Api {

    public static final String PASSWORD = "correct-horse-battery";
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);
    private static volatile Session admin;
    private static volatile String adminService;

    private Api() {
    }

    /** A signed-in user: the token and what register answered. */
    public record Session(long id, String email, String token) {

        public RequestSpecification request() {
            return given().header("Authorization", "Bearer " + token);
        }
    }

    /**
     * Waits (bounded) until the service takes traffic: schema migrated, database answering. The
     * service starts before its migrations finish, so a test's first request could otherwise meet
     * a correct but unwanted 503.
     */
    public static void awaitReady() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> given().get("/api/perks").statusCode() == 200);
    }

    public static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@perks.test";
    }

    /** A fresh client address (TEST-NET-3 style, only ever a header value) so throttling tests stay independent. */
    public static String freshAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "198.51." + (n / 250) % 250 + "." + (n % 250 + 1);
    }

    /** A new employee, registered from an address of its own so sign-up limits never get in the way. */
    public static Session employee() {
        String email = uniqueEmail();
        Response response = given().contentType(ContentType.JSON).header("X-Forwarded-For", freshAddress())
                .body(Map.of("email", email, "password", PASSWORD, "displayName", "Test User"))
                .post("/api/auth/register");
        if (response.statusCode() != 201) {
            throw new AssertionError("register failed: " + response.statusCode() + " " + response.asString());
        }
        return new Session(response.jsonPath().getLong("user.id"), email, response.jsonPath().getString("accessToken"));
    }

    /** The bootstrap admin, signed in once per running service (a restarted service has new keys). */
    public static Session admin() {
        String service = ConfigProvider.getConfig()
                .getValue("perks.auth.throttle.key-prefix", String.class); // unique per ApiTestResource start
        if (admin == null || !service.equals(adminService)) {
            Response response = login(ApiTestResource.ADMIN_EMAIL, ApiTestResource.ADMIN_PASSWORD, freshAddress());
            if (response.statusCode() != 200) {
                throw new AssertionError("admin login failed: " + response.statusCode() + " " + response.asString());
            }
            admin = new Session(response.jsonPath().getLong("user.id"), ApiTestResource.ADMIN_EMAIL,
                    response.jsonPath().getString("accessToken"));
            adminService = service;
        }
        return admin;
    }

    public static Response login(String email, String password, String clientAddress) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", clientAddress)
                .body(Map.of("email", email, "password", password))
                .post("/api/auth/login");
    }

    /** A perk created by the admin; returns its id. */
    public static long createPerk(String title, int stock) {
        return admin().request().contentType(ContentType.JSON)
                .body(Map.of("title", title, "description", "made by a test", "stock", stock))
                .post("/api/perks")
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }
}
