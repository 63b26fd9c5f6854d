package dev.perks.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.testing.Api;
import dev.perks.testing.ApiTestResource;
import dev.perks.testing.Concurrently;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The throttle counts before it hashes, atomically in the real Redis: a burst sent at once cannot
 * get more 401s than the limit, and every counter it leaves behind expires.
 */
@QuarkusTest
@WithTestResource(value = ApiTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LoginThrottleTest {

    private static final int BURST = 40;
    private static final int MAX_FAILURES_PER_EMAIL = 5;

    @Inject
    RedisDataSource redis;
    @ConfigProperty(name = "perks.auth.throttle.key-prefix")
    String keyPrefix;

    @BeforeEach
    void serviceIsReady() {
        Api.awaitReady();
    }

    @Test
    void aBurstOfWrongPasswordsForOneEmailGetsAtMostTheLimitOf401s() throws Exception {
        Api.Session user = Api.employee();
        List<Callable<Response>> guesses = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            String address = Api.freshAddress(); // one email, many addresses: only the email limit applies
            guesses.add(() -> Api.login(user.email(), "wrong-guess", address));
        }

        List<Response> answers = Concurrently.run(guesses);

        long unauthorized = answers.stream().filter(r -> r.statusCode() == 401).count();
        long throttled = answers.stream().filter(r -> r.statusCode() == 429).count();
        System.out.printf("[figures] %d wrong passwords at once: %d x 401, %d x 429%n", BURST, unauthorized, throttled);
        assertEquals(MAX_FAILURES_PER_EMAIL, unauthorized, "exactly the limit of guesses is judged");
        assertEquals(BURST - MAX_FAILURES_PER_EMAIL, throttled);
        for (Response answer : answers.stream().filter(r -> r.statusCode() == 429).toList()) {
            assertEquals("application/problem+json", answer.contentType());
            assertTrue(answer.jsonPath().getString("type").endsWith("/too-many-login-attempts"));
            assertTrue(Long.parseLong(answer.header("Retry-After")) >= 1, "Retry-After in whole seconds");
        }
        // The right password is throttled too until the window ends: the guesser cannot tell.
        Api.login(user.email(), Api.PASSWORD, Api.freshAddress()).then().statusCode(429);
        everyCounterExpires();
    }

    @Test
    void aBurstFromOneAddressAcrossEmailsIsBoundedByTheAddressLimit() throws Exception {
        String address = Api.freshAddress();
        List<Callable<Response>> guesses = new ArrayList<>();
        for (int i = 0; i < 3 * ApiTestResource.MAX_FAILURES_PER_ADDRESS; i++) {
            String email = Api.uniqueEmail();
            guesses.add(() -> Api.login(email, "wrong-guess", address));
        }

        List<Response> answers = Concurrently.run(guesses);

        assertEquals(ApiTestResource.MAX_FAILURES_PER_ADDRESS, answers.stream().filter(r -> r.statusCode() == 401).count());
        assertEquals(2 * ApiTestResource.MAX_FAILURES_PER_ADDRESS,
                answers.stream().filter(r -> r.statusCode() == 429).count());
        everyCounterExpires();
    }

    @Test
    void signUpsArePerAddressLimited() throws Exception {
        String address = Api.freshAddress();
        List<Callable<Response>> signUps = new ArrayList<>();
        for (int i = 0; i < ApiTestResource.MAX_REGISTRATIONS_PER_ADDRESS + 5; i++) {
            String email = Api.uniqueEmail();
            signUps.add(() -> given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                    .body(Map.of("email", email, "password", Api.PASSWORD, "displayName", "Burst"))
                    .post("/api/auth/register").andReturn());
        }

        List<Response> answers = Concurrently.run(signUps);

        assertEquals(ApiTestResource.MAX_REGISTRATIONS_PER_ADDRESS, answers.stream().filter(r -> r.statusCode() == 201).count());
        List<Response> refused = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertEquals(5, refused.size());
        assertTrue(refused.get(0).jsonPath().getString("type").endsWith("/too-many-registrations"));
        assertTrue(Long.parseLong(refused.get(0).header("Retry-After")) > 60, "the registration window is an hour");
        // Another address may still sign up.
        Api.employee();
        everyCounterExpires();
    }

    @Test
    void aSuccessfulSignInGivesTheAddressItsUnitBack() {
        String address = Api.freshAddress();
        Api.Session user = Api.employee();
        for (int i = 0; i < 3 * ApiTestResource.MAX_FAILURES_PER_ADDRESS; i++) {
            Api.login(user.email(), Api.PASSWORD, address).then().statusCode(200);
        }
    }

    private void everyCounterExpires() {
        List<String> keys = redis.key().keys(keyPrefix + "*");
        assertTrue(!keys.isEmpty(), "the throttle keeps its counters under " + keyPrefix);
        for (String key : keys) {
            long ttlMillis = redis.key().pttl(key);
            assertTrue(ttlMillis > 0, key + " has no expiry (" + ttlMillis + ")");
        }
    }
}
