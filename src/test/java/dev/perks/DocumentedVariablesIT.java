package dev.perks;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.testing.Db;
import dev.perks.testing.ServiceProcess;
import dev.perks.testing.TestDatabases;
import dev.perks.testing.TestKeys;
import dev.perks.testing.TestServers;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * README's variables whose effect a client or an operator can see, set in their environment form on
 * the packaged jar, each observed through that effect: the API's port and tokens, the stored hash,
 * the sign-in and sign-up limits behind a trusted proxy, health, metrics and {@code pg_stat_activity}.
 * That every documented variable reaches its setting in every profile is {@link DocumentedVariablesTest}.
 */
class DocumentedVariablesIT {

    private static final int PORT = 18281;
    private static final int MANAGEMENT_PORT = 19281;
    private static final String DATABASE = "perks_it_variables";
    private static final String ISSUER = "https://perks.example.test";
    private static final String APPLICATION_NAME = "perks-variables-it";
    private static final String ADMIN_EMAIL = "vars-admin@perks.test";
    private static final String ADMIN_PASSWORD = "vars-Adm1n-pass";
    /** Unique per run: the throttle's counters live in the shared Redis for their window. */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void eachVariableChangesWhatTheServiceDoes() throws Exception {
        TestDatabases.create(DATABASE);
        KeyPair keys = TestKeys.generate(2048);
        Map<String, String> environment = new HashMap<>(Map.of(
                "DATABASE_URL", "postgres://postgres@" + TestServers.postgres() + "/" + DATABASE,
                "REDIS_URL", "redis://" + TestServers.redis(),
                "JWT_PRIVATE_KEY", TestKeys.privatePem(keys),
                "JWT_PUBLIC_KEY", TestKeys.publicPem(keys),
                "ADMIN_EMAIL", ADMIN_EMAIL,
                "ADMIN_PASSWORD", ADMIN_PASSWORD,
                "PORT", String.valueOf(PORT),
                "QUARKUS_MANAGEMENT_PORT", String.valueOf(MANAGEMENT_PORT)));
        environment.putAll(Map.of(
                "PERKS_AUTH_ISSUER", ISSUER,
                "PERKS_AUTH_TOKEN_LIFETIME", "7m",
                "PERKS_AUTH_BCRYPT_COST", "5",
                "PERKS_AUTH_THROTTLE_MAX_FAILURES_PER_EMAIL", "2",
                "PERKS_AUTH_THROTTLE_MAX_FAILURES_PER_ADDRESS", "3",
                "PERKS_AUTH_THROTTLE_WINDOW", "90s",
                "PERKS_AUTH_THROTTLE_MAX_REGISTRATIONS_PER_ADDRESS", "2",
                "PERKS_AUTH_THROTTLE_REGISTRATION_WINDOW", "2m"));
        environment.putAll(Map.of(
                "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true",
                "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true",
                "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1",
                "PERKS_REDIS_REQUIRED", "true",
                "PERKS_DATABASE_APPLICATION_NAME", APPLICATION_NAME,
                "QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE", "7",
                "PERKS_LIVENESS_MAX_EVENT_LOOP_STALL", "25s"));
        try (ServiceProcess service = ServiceProcess.launch(environment)) {
            String management = "http://127.0.0.1:" + MANAGEMENT_PORT;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> ServiceProcess.status(management + "/q/health/ready") == 200 || !service.isAlive());
            assertTrue(service.isAlive(), "the service exited:\n" + service.output());

            // PORT: the API answers there. PERKS_AUTH_ISSUER, PERKS_AUTH_TOKEN_LIFETIME: the token says so.
            JsonPath login = client("10.1.0.1").body(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
                    .post("/api/auth/login").then().statusCode(200).extract().jsonPath();
            assertEquals(420, login.getInt("expiresIn"));
            JsonPath claims = JsonPath.from(new String(Base64.getUrlDecoder().decode(login.getString("accessToken").split("\\.")[1])));
            assertEquals(ISSUER, claims.getString("iss"));
            assertEquals(420, claims.getLong("exp") - claims.getLong("iat"));

            // PERKS_AUTH_BCRYPT_COST: the stored hash carries the cost.
            String signUps = address();
            String email = "vars-" + RUN + "-1@perks.test";
            register(signUps, email).then().statusCode(201);
            assertTrue(Db.queryStringIn(DATABASE, "SELECT password_hash FROM users WHERE email = ?", email).startsWith("$2a$05$"));

            // ..._MAX_REGISTRATIONS_PER_ADDRESS, ..._REGISTRATION_WINDOW, and the three proxy variables:
            // the limit counts the forwarded address, so another address may still sign up.
            register(signUps, "vars-" + RUN + "-2@perks.test").then().statusCode(201);
            assertRetryAfterWithin(register(signUps, "vars-" + RUN + "-3@perks.test"), 429, Duration.ofMinutes(2));
            register(address(), "vars-" + RUN + "-4@perks.test").then().statusCode(201);

            // ..._MAX_FAILURES_PER_EMAIL, ..._WINDOW: the third wrong password for one email is refused.
            for (int attempt = 1; attempt <= 2; attempt++) {
                signIn(address(), email, "wrong-password").then().statusCode(401);
            }
            assertRetryAfterWithin(signIn(address(), email, "wrong-password"), 429, Duration.ofSeconds(90));

            // ..._MAX_FAILURES_PER_ADDRESS: the fourth failure from one address, whatever the email.
            String guesser = address();
            for (int attempt = 1; attempt <= 3; attempt++) {
                signIn(guesser, "nobody-" + RUN + "-" + attempt + "@perks.test", "wrong-password").then().statusCode(401);
            }
            assertRetryAfterWithin(signIn(guesser, "nobody-" + RUN + "-4@perks.test", "wrong-password"), 429,
                    Duration.ofSeconds(90));

            // PERKS_REDIS_REQUIRED: readiness looks at Redis. PERKS_LIVENESS_MAX_EVENT_LOOP_STALL: liveness' threshold.
            JsonPath ready = JsonPath.from(ServiceProcess.body(management + "/q/health/ready"));
            assertEquals("UP", ready.getString("checks.find { it.name == 'redis' }.status"), ready.prettify());
            JsonPath live = JsonPath.from(ServiceProcess.body(management + "/q/health/live"));
            assertEquals(25_000, live.getInt("checks.find { it.name == 'event-loop' }.data.'threshold-ms'"), live.prettify());

            // QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE: the pool's bound. PERKS_DATABASE_APPLICATION_NAME: what PostgreSQL sees.
            assertTrue(ServiceProcess.body(management + "/q/metrics").contains("perks_database_pool_max_size{pool_name=\"perks\"} 7.0"));
            assertTrue(Db.queryLongIn(DATABASE, "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND application_name = ?",
                    DATABASE, APPLICATION_NAME) > 0);
        }
    }

    private static RequestSpecification client(String address) {
        return given().baseUri("http://127.0.0.1:" + PORT).contentType(ContentType.JSON).header("X-Forwarded-For", address);
    }

    private static Response register(String address, String email) {
        return client(address).body(Map.of("email", email, "password", "vars-pass-123", "displayName", "Vars"))
                .post("/api/auth/register");
    }

    private static Response signIn(String address, String email, String password) {
        return client(address).body(Map.of("email", email, "password", password)).post("/api/auth/login");
    }

    /** A client address of its own (TEST-NET-2), so no earlier run's counter applies. */
    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private static void assertRetryAfterWithin(Response response, int status, Duration window) {
        response.then().statusCode(status).contentType("application/problem+json");
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= window.toSeconds(), "Retry-After " + retryAfter + " within " + window);
    }
}
