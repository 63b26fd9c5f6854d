package dev.perks.api;

import dev.perks.testing.ServiceProcess;
import dev.perks.testing.TestDatabases;
import dev.perks.testing.TestKeys;
import dev.perks.testing.TestServers;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production JSON log, as an operator greps it: every line written while serving a request
 * carries that request's id (the caller's {@code X-Request-Id}, or a new one), and the response
 * echoes it.
 */
class RequestIdsIT {

    private static final String DATABASE = "perks_it_request_ids";
    private static final int HTTP_PORT = 18096;
    private static final int MANAGEMENT_PORT = 19096;

    @Test
    void everyLineOfARequestCarriesItsId() throws Exception {
        TestDatabases.create(DATABASE);
        KeyPair keys = TestKeys.generate(2048);
        Path privateKey = TestKeys.file(TestKeys.privatePem(keys));
        Path publicKey = TestKeys.file(TestKeys.publicPem(keys));
        try (ServiceProcess service = ServiceProcess.launch(Map.of(
                "DATABASE_URL", "postgres://postgres@" + TestServers.postgres() + "/" + DATABASE,
                // Redis on a closed port: the first sign-in logs, inside the request, that throttling is off.
                "REDIS_URL", "redis://127.0.0.1:9",
                "JWT_PRIVATE_KEY", privateKey.toString(), "JWT_PUBLIC_KEY", publicKey.toString(),
                "QUARKUS_HTTP_PORT", String.valueOf(HTTP_PORT), "QUARKUS_MANAGEMENT_PORT", String.valueOf(MANAGEMENT_PORT),
                "PERKS_SHUTDOWN_DRAIN_DELAY", "0s"))) {
            String api = "http://127.0.0.1:" + HTTP_PORT;
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> ServiceProcess.status("http://127.0.0.1:" + MANAGEMENT_PORT + "/q/health/ready") == 200);

            given().header(RequestIds.HEADER, "ops-trace-42").contentType(ContentType.JSON)
                    .body(Map.of("email", "nobody@perks.test", "password", "not-the-password"))
                    .post(api + "/api/auth/login")
                    .then().statusCode(401).header(RequestIds.HEADER, "ops-trace-42");
            String generated = given().get(api + "/api/perks").then().statusCode(200).extract().header(RequestIds.HEADER);
            assertTrue(generated.matches("[0-9a-f-]{36}"), generated);
            String replaced = given().header(RequestIds.HEADER, "bad id\twith spaces").get(api + "/api/perks")
                    .then().statusCode(200).extract().header(RequestIds.HEADER);
            assertNotEquals("bad id\twith spaces", replaced);

            await().atMost(Duration.ofSeconds(5)).until(() -> service.output().contains("login throttling is off"));
            List<JsonPath> requestLines = service.output().lines().filter(line -> line.startsWith("{"))
                    .map(JsonPath::new).filter(line -> line.getString("message").contains("login throttling is off"))
                    .toList();
            assertEquals(1, requestLines.size(), service.output());
            assertEquals("ops-trace-42", requestLines.get(0).getString("mdc." + RequestIds.MDC_KEY));
            // Lines written outside any request carry no request id.
            assertTrue(service.output().lines().filter(line -> line.contains("\"Schema ready at version"))
                    .noneMatch(line -> line.contains(RequestIds.MDC_KEY)), service.output());
        } finally {
            Files.deleteIfExists(privateKey);
            Files.deleteIfExists(publicKey);
        }
    }
}
