package dev.perks.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.testing.Api;
import dev.perks.testing.Api.Session;
import dev.perks.testing.Concurrently;
import dev.perks.testing.Health;
import dev.perks.testing.SmallRedisPoolResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A burst that overflows the Redis client pool fails open only for the sign-ins the pool refused
 * (each counted in the bypass metric); it never marks Redis down, so every other sign-in is still
 * throttled and a locked email stays locked.
 */
@QuarkusTest
@WithTestResource(value = SmallRedisPoolResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ThrottleUnderOverloadTest {

    private static final int BURST = 48;
    private static final int MAX_BURSTS = 10;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;
    @TestHTTPResource(value = "/health/well", management = true)
    URL well;

    @Test
    void aFullRedisPoolNeverSwitchesTheThrottleOffForOthers() throws Exception {
        Api.awaitReady();
        Session user = Api.employee();
        // Lock the email. A guess the pool happened to refuse is not counted, so guess until locked (bounded).
        int guesses = 0;
        while (Api.login(user.email(), "wrong-guess", Api.freshAddress()).statusCode() != 429) {
            assertTrue(++guesses <= 20, "the email never locked");
        }

        double before = bypassed();
        for (int burst = 0; burst < MAX_BURSTS && bypassed() == before; burst++) {
            List<Callable<Integer>> logins = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                logins.add(() -> Api.login(Api.uniqueEmail(), "wrong-guess", Api.freshAddress()).statusCode());
            }
            Concurrently.run(logins);
        }
        assertTrue(bypassed() > before, "a burst overflowed the Redis pool, and each refused sign-in was counted");

        // Redis is not taken for down: the locked email stays locked, whoever asks and with the right password.
        for (int attempt = 0; attempt < 5; attempt++) {
            Api.login(user.email(), Api.PASSWORD, Api.freshAddress()).then().statusCode(429);
        }
        assertEquals("UP", Health.check(Health.get(well), "redis").getString("status"));
    }

    private double bypassed() {
        String prometheus = given().get(metrics).then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("(?m)^perks_login_throttle_bypassed_total(?:\\{[^}]*\\})? (\\S+)$").matcher(prometheus);
        assertTrue(value.find(), "metric perks_login_throttle_bypassed_total missing");
        return Double.parseDouble(value.group(1));
    }
}
