package dev.perks.error;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.testing.Api;
import dev.perks.testing.ApiTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Errors the HTTP layer produces before any resource runs are problem+json like every other error.
 * Requests REST Assured would re-encode go over a raw socket. Not covered: a request line the HTTP
 * decoder cannot read still gets Vert.x' empty 400, which Quarkus offers no hook to replace.
 */
@QuarkusTest
@WithTestResource(value = ApiTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HttpLayerProblemsTest {

    @BeforeEach
    void serviceIsReady() {
        Api.awaitReady();
    }

    @Test
    void methodNotAllowed() {
        assertProblem(given().delete("/api/perks"), 405);
    }

    @Test
    void notAcceptable() {
        assertProblem(given().accept("application/xml").get("/api/users/me"), 406);
    }

    @Test
    void unsupportedMediaType() {
        assertProblem(given().contentType("text/plain").body("x").post("/api/auth/login"), 415);
    }

    @Test
    void uriTooLong() throws IOException {
        assertRawProblem("GET /api/perks?x=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 414);
    }

    @Test
    void headersTooLarge() throws IOException {
        assertRawProblem("GET /api/perks HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n", 431);
    }

    @Test
    void undecodablePercentEncodingInThePath() throws IOException {
        assertRawProblem("GET /api/perks/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 400);
    }

    @Test
    void undecodablePercentEncodingInTheQuery() throws IOException {
        assertRawProblem("GET /api/perks?page=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 400);
    }

    private static void assertProblem(Response response, int status) {
        assertEquals(status, response.statusCode(), response.asString());
        assertTrue(String.valueOf(response.contentType()).startsWith("application/problem+json"), response.contentType());
        assertEquals(status, response.jsonPath().getInt("status"));
        assertTrue(response.jsonPath().getString("type").startsWith("https://perks.dev/problems/"), response.asString());
    }

    private static void assertRawProblem(String request, int status) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 " + status), answer);
            assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
            assertTrue(answer.contains("\"status\":" + status), answer);
        }
    }
}
