package dev.perks.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perks.testing.Api;
import dev.perks.testing.ApiTestResource;
import dev.perks.testing.Db;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One identity per mailbox, on a database with a UTF-8 locale (where SQL lower() folds U+0130 to
 * "i"): upper case and fullwidth spellings name the same account and share its throttle window; a
 * spelling that stays outside ASCII (the dotted capital I) names no account at all. None of them
 * reaches another account's password check, opens a fresh window or registers a second account.
 */
@QuarkusTest
@WithTestResource(value = ApiTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OneIdentityPerMailboxTest {

    @BeforeEach
    void serviceIsReady() {
        Api.awaitReady();
    }

    @Test
    void theTestDatabaseFoldsLikeProduction() {
        assertEquals("C.UTF-8", Db.queryString("SELECT datctype FROM pg_database WHERE datname = current_database()"));
        assertEquals("vi", Db.queryString("SELECT lower('V' || chr(304))"), "the collation lower() that used to decide identity");
    }

    @Test
    void afterALockNoLookAlikeSignsInOrGetsFreshGuesses() {
        String email = "vivian-" + UUID.randomUUID() + "@perks.test";
        register(email).then().statusCode(201);
        for (int attempt = 0; attempt < 5; attempt++) {
            Api.login(email, "wrong-guess", Api.freshAddress()).then().statusCode(401);
        }
        Api.login(email, Api.PASSWORD, Api.freshAddress()).then().statusCode(429);

        // Same mailbox, other spellings: the same window, already spent, whatever the password.
        for (String spelling : new String[] { email.toUpperCase(), fullwidth(email), fullwidth(email.toUpperCase()) }) {
            Api.login(spelling, Api.PASSWORD, Api.freshAddress()).then().statusCode(429)
                    .body("type", equalTo("https://perks.dev/problems/too-many-login-attempts"));
            Api.login(spelling, "wrong-guess", Api.freshAddress()).then().statusCode(429);
        }
        // The dotted capital I is no spelling of any accepted address: refused before any count or check.
        String dottedI = "v\u0130" + email.substring(2);
        for (int attempt = 0; attempt < 7; attempt++) {
            Api.login(dottedI, Api.PASSWORD, Api.freshAddress()).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("email"));
        }
    }

    @Test
    void spellingsShareOneWindowOfGuesses() {
        String email = "ivy-" + UUID.randomUUID() + "@perks.test";
        register(email).then().statusCode(201);
        Api.login(email, "wrong-1", Api.freshAddress()).then().statusCode(401);
        Api.login(email.toUpperCase(), "wrong-2", Api.freshAddress()).then().statusCode(401);
        Api.login(fullwidth(email), "wrong-3", Api.freshAddress()).then().statusCode(401);
        Api.login(fullwidth(email.toUpperCase()), "wrong-4", Api.freshAddress()).then().statusCode(401);
        Api.login("Ivy" + email.substring(3), "wrong-5", Api.freshAddress()).then().statusCode(401);
        Api.login(fullwidth(email), "wrong-6", Api.freshAddress()).then().statusCode(429);
    }

    @Test
    void everyAcceptedSpellingSignsInAsTheOneAccount() {
        String email = "iris-" + UUID.randomUUID() + "@perks.test";
        long id = register(email).then().statusCode(201).extract().jsonPath().getLong("user.id");
        for (String spelling : new String[] { email.toUpperCase(), fullwidth(email), " " + fullwidth(email) + " " }) {
            assertEquals(id, Api.login(spelling, Api.PASSWORD, Api.freshAddress()).then().statusCode(200)
                    .extract().jsonPath().getLong("user.id"), spelling);
        }
    }

    @Test
    void aLookAlikeCannotRegisterASecondAccount() {
        String email = "vi-" + UUID.randomUUID() + "@perks.test";
        register(email).then().statusCode(201);
        for (String spelling : new String[] { email.toUpperCase(), fullwidth(email), fullwidth(email.toUpperCase()) }) {
            register(spelling).then().statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("https://perks.dev/problems/email-taken"));
        }
        register("v\u0130" + email.substring(2)).then().statusCode(400).body("errors[0].field", equalTo("email"));
        register("v\u0131" + email.substring(2)).then().statusCode(400).body("errors[0].field", equalTo("email"));
        assertEquals(1, Db.queryLong("SELECT count(*) FROM users WHERE email_normal = ?", email));
        assertEquals(1, Db.queryLong("SELECT count(*) FROM users WHERE lower(email) = lower(?)", email));
    }

    @Test
    void aFullwidthSpellingIsStoredInItsPlainForm() {
        String email = "Wide-" + UUID.randomUUID() + "@Perks.test";
        register(fullwidth(email)).then().statusCode(201).body("user.email", equalTo(email));
        assertEquals(email.toLowerCase(), Db.queryString("SELECT email_normal FROM users WHERE email = ?", email));
    }

    @Test
    void theBootstrapAdminIsFoundByItsMailbox() {
        // ADMIN_EMAIL is "Root.Admin@perks.test": its key is the lower-case form, and every spelling signs in.
        assertEquals(1, Db.queryLong("SELECT count(*) FROM users WHERE email_normal = 'root.admin@perks.test'"));
        Api.login(fullwidth("root.admin@PERKS.test"), ApiTestResource.ADMIN_PASSWORD, Api.freshAddress())
                .then().statusCode(200).body("user.role", equalTo("admin"));
    }

    private static Response register(String email) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Api.freshAddress())
                .body(Map.of("email", email, "password", Api.PASSWORD, "displayName", "Look Alike"))
                .post("/api/auth/register");
    }

    /** Every printable ASCII character as its fullwidth form (U+FF01–U+FF5E). */
    static String fullwidth(String ascii) {
        StringBuilder out = new StringBuilder();
        for (char c : ascii.toCharArray()) {
            out.append(c > 0x20 && c < 0x7F ? (char) (c - 0x21 + 0xFF01) : c);
        }
        return out.toString();
    }
}
