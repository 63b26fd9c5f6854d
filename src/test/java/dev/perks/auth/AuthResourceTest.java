package dev.perks.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.testing.Api;
import dev.perks.testing.Api.Session;
import dev.perks.testing.ApiTestResource;
import dev.perks.testing.Db;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ApiTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AuthResourceTest {

    @BeforeEach
    void serviceIsReady() {
        Api.awaitReady();
    }

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void registerAnswersATokenAndTheAccount() {
        String email = Api.uniqueEmail();
        JsonPath body = given().contentType(ContentType.JSON)
                .body(Map.of("email", "  " + email + " ", "password", Api.PASSWORD, "displayName", "  Ada Lovelace "))
                .post("/api/auth/register")
                .then().statusCode(201).contentType(ContentType.JSON)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("user.email", equalTo(email))
                .body("user.displayName", equalTo("Ada Lovelace"))
                .body("user.role", equalTo("employee"))
                .body("user.active", equalTo(true))
                .body("user.createdAt", notNullValue())
                .body("user.passwordHash", nullValue())
                .extract().jsonPath();

        JsonPath claims = payload(body.getString("accessToken"));
        assertEquals(body.getString("user.id"), claims.getString("sub"));
        assertEquals(java.util.List.of("employee"), claims.getList("groups"));
        assertEquals("perks-service", claims.getString("iss"));
        assertEquals(900, claims.getLong("exp") - claims.getLong("iat"));
        assertTrue(claims.getString("jti").length() >= 16);
        assertTrue(decode(body.getString("accessToken").split("\\.")[0]).contains("\"RS256\""));

        // The password is stored as a bcrypt hash, never as text.
        String stored = Db.queryString("SELECT password_hash FROM users WHERE email = ?", email);
        assertTrue(stored.startsWith("$2a$"), stored);
        assertFalse(stored.contains(Api.PASSWORD));
    }

    @Test
    void emailsAreUniqueWhateverTheirCase() {
        Session first = Api.employee();
        given().contentType(ContentType.JSON)
                .body(Map.of("email", first.email().toUpperCase(), "password", Api.PASSWORD, "displayName", "Twin"))
                .post("/api/auth/register")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://perks.dev/problems/email-taken"))
                .body("title", equalTo("Conflict"))
                .body("status", equalTo(409))
                .body("detail", notNullValue());
        assertEquals(1, Db.queryLong("SELECT count(*) FROM users WHERE email_normal = ?", first.email()));
    }

    @Test
    void registrationValidatesEveryField() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-email", "password", "short", "displayName", "   "))
                .post("/api/auth/register")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://perks.dev/problems/validation"))
                .body("errors.field", containsInAnyOrder("email", "password", "displayName"));
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "a".repeat(250) + "@x.io", "password", "p".repeat(129), "displayName", "n".repeat(81)))
                .post("/api/auth/register")
                .then().statusCode(400)
                .body("errors", hasItem(Map.of("field", "email", "message", "must be at most 254 characters")))
                .body("errors", hasItem(Map.of("field", "password", "message", "must be 8 to 128 characters")))
                .body("errors", hasItem(Map.of("field", "displayName", "message", "must be 1 to 80 characters")));
        given().contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail(), "password", Api.PASSWORD))
                .post("/api/auth/register")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("displayName"));
        given().contentType(ContentType.JSON)
                .body(Map.of("email", Api.uniqueEmail(), "password", Api.PASSWORD, "displayName", "x", "role", "admin"))
                .post("/api/auth/register")
                .then().statusCode(400).body("errors[0].field", equalTo("role"))
                .body("errors[0].message", equalTo("is not a known field"));
        // Exactly 8 and 128 characters, and 80 after trimming, are fine.
        given().contentType(ContentType.JSON)
                .body(Map.of("email", Api.uniqueEmail(), "password", "p".repeat(128), "displayName", " " + "n".repeat(80) + " "))
                .post("/api/auth/register").then().statusCode(201);
        given().contentType(ContentType.JSON)
                .body(Map.of("email", Api.uniqueEmail(), "password", "12345678", "displayName", "n"))
                .post("/api/auth/register").then().statusCode(201);
    }

    @Test
    void passwordsLongerThanBcryptsLimitStillCountInFull() {
        String email = Api.uniqueEmail();
        String longPassword = "x".repeat(100) + "-tail";
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", longPassword, "displayName", "Long"))
                .post("/api/auth/register").then().statusCode(201);
        Api.login(email, "x".repeat(100) + "-TAIL", Api.freshAddress()).then().statusCode(401);
        Api.login(email, longPassword, Api.freshAddress()).then().statusCode(200);
    }

    @Test
    void unknownEmailAndWrongPasswordAreIndistinguishable() {
        Session user = Api.employee();
        Response wrongPassword = Api.login(user.email(), "wrong-password", Api.freshAddress());
        Response unknownEmail = Api.login(Api.uniqueEmail(), "wrong-password", Api.freshAddress());
        assertEquals(401, wrongPassword.statusCode());
        assertEquals(401, unknownEmail.statusCode());
        assertEquals("application/problem+json", wrongPassword.contentType());
        assertEquals(wrongPassword.asString(), unknownEmail.asString());

        Response ok = Api.login(user.email().toUpperCase(), Api.PASSWORD, Api.freshAddress());
        assertEquals(200, ok.statusCode());
        assertEquals(user.id(), ok.jsonPath().getLong("user.id"));
        assertNotEquals(user.token(), ok.jsonPath().getString("accessToken"));
    }

    @Test
    void aDeactivatedAccountCannotSignIn() {
        Session user = Api.employee();
        Api.admin().request().contentType(ContentType.JSON).body(Map.of("active", false))
                .patch("/api/users/" + user.id()).then().statusCode(200).body("active", equalTo(false));
        Api.login(user.email(), Api.PASSWORD, Api.freshAddress())
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://perks.dev/problems/account-deactivated"));
        // Someone without the password learns nothing about the account's state.
        Api.login(user.email(), "wrong-password", Api.freshAddress()).then().statusCode(401);
    }

    @Test
    void repeatedFailuresForOneEmailAreThrottled() {
        Session user = Api.employee();
        for (int attempt = 1; attempt <= 5; attempt++) {
            Api.login(user.email(), "wrong-" + attempt, Api.freshAddress()).then().statusCode(401);
        }
        // Throttled now, from any address and even with the right password.
        Response throttled = Api.login(user.email(), Api.PASSWORD, Api.freshAddress());
        assertEquals(429, throttled.statusCode());
        assertEquals("application/problem+json", throttled.contentType());
        long retryAfter = Long.parseLong(throttled.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 900, "Retry-After " + retryAfter);
        // Other accounts are unaffected.
        Session other = Api.employee();
        Api.login(other.email(), Api.PASSWORD, Api.freshAddress()).then().statusCode(200);
    }

    @Test
    void repeatedFailuresFromOneAddressAreThrottled() {
        String address = Api.freshAddress();
        for (int attempt = 0; attempt < ApiTestResource.MAX_FAILURES_PER_ADDRESS; attempt++) {
            Api.login(Api.uniqueEmail(), "guess", address).then().statusCode(401);
        }
        Session user = Api.employee();
        Api.login(user.email(), Api.PASSWORD, address).then().statusCode(429).header("Retry-After", notNullValue());
        Api.login(user.email(), Api.PASSWORD, Api.freshAddress()).then().statusCode(200);
    }

    @Test
    void aSuccessfulLoginClearsTheEmailsCount() {
        Session user = Api.employee();
        for (int round = 0; round < 3; round++) {
            for (int attempt = 0; attempt < 4; attempt++) {
                Api.login(user.email(), "typo", Api.freshAddress()).then().statusCode(401);
            }
            Api.login(user.email(), Api.PASSWORD, Api.freshAddress()).then().statusCode(200);
        }
        String prometheus = given().get(metrics).then().statusCode(200).extract().asString();
        assertTrue(prometheus.contains("perks_login_throttle_bypassed_total 0.0"), "Redis is up: nothing bypassed");
    }

    @Test
    void tokensThatAreNotOursAreRefused() throws Exception {
        Session user = Api.employee();
        var foreignKeys = KeyPairGenerator.getInstance("RSA");
        foreignKeys.initialize(2048);
        String forged = Jwt.issuer("perks-service").subject(Long.toString(user.id())).groups(Set.of("admin"))
                .sign(foreignKeys.generateKeyPair().getPrivate());
        String expired = Jwt.issuer("perks-service").subject(Long.toString(user.id())).groups(Set.of("employee"))
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(1800)).sign();
        String wrongIssuer = Jwt.issuer("someone-else").subject(Long.toString(user.id())).groups(Set.of("employee")).sign();
        String[] parts = user.token().split("\\.");
        String unsigned = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        String tampered = parts[0] + "." + encode(decode(parts[1]).replace("\"employee\"", "\"admin\"")) + "." + parts[2];

        for (String token : new String[] { forged, expired, wrongIssuer, unsigned, tampered, "not-a-jwt", "a.b.c" }) {
            given().header("Authorization", "Bearer " + token).get("/api/users/me")
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("type", equalTo("https://perks.dev/problems/unauthorized"));
        }
        given().get("/api/users/me").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/users/me").then().statusCode(401);
        user.request().get("/api/users/me").then().statusCode(200).body("id", equalTo((int) user.id()));
    }

    @Test
    void theBootstrapAdminExistsOnceAndCanSignIn() {
        Session admin = Api.admin();
        admin.request().get("/api/users/me").then().statusCode(200)
                .body("role", equalTo("admin")).body("email", equalTo(ApiTestResource.ADMIN_EMAIL));
        assertEquals(1, Db.queryLong("SELECT count(*) FROM users WHERE email_normal = ?",
                ApiTestResource.ADMIN_EMAIL.toLowerCase(java.util.Locale.ROOT)));
        admin.request().get("/api/users?size=100").then().statusCode(200).body("items.role", hasItem("admin"));
    }

    @Test
    void noPasswordOrTokenReachesTheLog() throws Exception {
        Session user = Api.employee();
        Api.login(user.email(), "Wr0ng-Secret-Value", Api.freshAddress()).then().statusCode(401);
        String log = Files.readString(Path.of("target/logs/" + ApiTestResource.DATABASE + ".log"));
        for (String secret : new String[] { Api.PASSWORD, "Wr0ng-Secret-Value", ApiTestResource.ADMIN_PASSWORD, user.token(),
                "$2a$" }) {
            assertFalse(log.contains(secret), "the log holds a secret: " + secret);
        }
    }

    private static JsonPath payload(String token) {
        return new JsonPath(decode(token.split("\\.")[1]));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
