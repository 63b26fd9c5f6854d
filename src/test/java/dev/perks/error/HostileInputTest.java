package dev.perks.error;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perks.testing.Api;
import dev.perks.testing.ApiTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of generated hostile requests (seeded, so a failure replays): malformed and oversized
 * bodies, wrong types, injection strings, odd ids, garbage and unsigned tokens, wrong content
 * types. Never a 5xx; every error is problem+json with no stack trace, SQL or class name in it.
 */
@QuarkusTest
@WithTestResource(value = ApiTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HostileInputTest {

    @BeforeEach
    void serviceIsReady() {
        Api.awaitReady();
    }

    private static final long SEED = 20261123L;
    private static final int REQUESTS = 400;

    private static final String[][] ENDPOINTS = {
            { "POST", "/api/auth/register" }, { "POST", "/api/auth/login" }, { "GET", "/api/users/me" },
            { "GET", "/api/users" }, { "PATCH", "/api/users/{id}" }, { "GET", "/api/perks" }, { "GET", "/api/perks/{id}" },
            { "POST", "/api/perks" }, { "PATCH", "/api/perks/{id}" }, { "POST", "/api/perks/{id}/claims" },
            { "GET", "/api/users/me/claims" }, { "DELETE", "/api/perks/{id}" }, { "PUT", "/api/users/{id}" },
            { "GET", "/api/nothing-here" }, { "POST", "/api/perks/{id}/claims/{id}" } };

    private static final String[] IDS = { "1", "0", "-1", "abc", "1.5", "1e3", "99999999999999999999", "9223372036854775807",
            "9223372036854775808", "%00", "..%2F..%2Fetc%2Fpasswd", "'%20OR%201=1--", "%F0%9F%98%80", "null", "%5B%5D", "0x10",
            "%2B1", "%201", "1;2", "1,2" };

    private static final String[] FIELDS = { "email", "password", "displayName", "title", "description", "stock", "active",
            "role", "id", "__proto__", "constructor", "", "é" };

    private static final String[] STRINGS = { "", " ", "a", "x@y.z", "'; DROP TABLE users; --", "<script>alert(1)</script>",
            "\u0000", "\u202e", "😀", "%s%s%s%n", "${jndi:ldap://127.0.0.1/a}", "admin", "employee", "true",
            "\\u0000", "\n\r\t" };

    private final Random random = new Random(SEED);

    @Test
    void hostileRequestsNeverCauseA5xxAndAlwaysGetAProblem() {
        List<String> tokens = tokens();
        List<String> failures = new ArrayList<>();
        int errors = 0;
        for (int i = 0; i < REQUESTS; i++) {
            String[] endpoint = ENDPOINTS[random.nextInt(ENDPOINTS.length)];
            String path = endpoint[1].replace("{id}", IDS[random.nextInt(IDS.length)]) + query();
            RequestSpecification request = given().urlEncodingEnabled(false);
            String token = tokens.get(random.nextInt(tokens.size()));
            if (token != null) {
                request.header("Authorization", token);
            }
            if (random.nextInt(4) == 0) {
                request.header("Idempotency-Key", pick(STRINGS).replaceAll("[^\\x20-\\x7e]", "?"));
            }
            request.header("X-Forwarded-For", Api.freshAddress());
            String body = body();
            if (body != null) {
                request.contentType(pick(new String[] { "application/json", "application/json", "application/json",
                        "text/plain", "application/xml", "application/json; charset=UTF-16" })).body(body);
            }
            Response response = request.request(endpoint[0], path);
            String what = endpoint[0] + " " + path + " body=" + abbreviate(body) + " -> " + response.statusCode();
            if (response.statusCode() >= 500) {
                failures.add(what + " " + abbreviate(response.asString()));
            } else if (response.statusCode() >= 400) {
                errors++;
                String problem = response.asString();
                if (!String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                    failures.add(what + " is " + response.contentType() + ", not problem+json");
                } else if (response.jsonPath().getInt("status") != response.statusCode()
                        || response.jsonPath().getString("type") == null || response.jsonPath().getString("title") == null) {
                    failures.add(what + " problem lacks type/title/status: " + abbreviate(problem));
                } else if (leaks(problem)) {
                    failures.add(what + " leaks internals: " + abbreviate(problem));
                }
            }
        }
        assertEquals(List.of(), failures);
        // The generator must actually produce hostile requests, not a stream of 200s.
        org.junit.jupiter.api.Assertions.assertTrue(errors > REQUESTS / 2, "only " + errors + " errors generated");
    }

    private List<String> tokens() {
        String employee = Api.employee().token();
        String admin = Api.admin().token();
        String[] parts = employee.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        List<String> tokens = new ArrayList<>();
        tokens.add(null);
        tokens.add(null);
        tokens.add("Bearer " + employee);
        tokens.add("Bearer " + admin);
        tokens.add("Bearer " + none);
        tokens.add("Bearer " + parts[0] + "." + parts[1] + ".AAAA");
        tokens.add("Bearer ");
        tokens.add("Bearer a.b");
        tokens.add("Basic YWRtaW46YWRtaW4=");
        tokens.add("bearer " + employee.toLowerCase(Locale.ROOT));
        return tokens;
    }

    private String query() {
        return switch (random.nextInt(5)) {
            case 0 -> "?page=" + enc(pick(IDS)) + "&size=" + enc(pick(IDS));
            case 1 -> "?active=" + enc(pick(STRINGS)) + "&includeInactive=" + enc(pick(STRINGS));
            case 2 -> "?size=" + random.nextInt(1000) + "&page=" + (random.nextInt(2_000_000) - 1000);
            default -> "";
        };
    }

    private String body() {
        return switch (random.nextInt(9)) {
            case 0 -> null;
            case 1 -> "{" + "\"a\":".repeat(0) + "[".repeat(random.nextInt(3000)) + "]".repeat(random.nextInt(10)) + "}";
            case 2 -> "{\"title\":\"" + "x".repeat(random.nextInt(70_000)) + "\",\"stock\":1}";
            case 3 -> new String(randomBytes(), StandardCharsets.ISO_8859_1);
            case 4 -> "{\"email\":" + value() + ",\"password\":" + value() + ",\"displayName\":" + value() + "}";
            case 5 -> "{\"title\":" + value() + ",\"description\":" + value() + ",\"stock\":" + value() + ",\"active\":" + value() + "}";
            case 6 -> "{\"role\":" + value() + ",\"active\":" + value() + "}";
            case 7 -> object(random.nextInt(6));
            default -> pick(new String[] { "", "null", "[]", "\"string\"", "42", "{", "}", "{\"a\":1}{\"b\":2}", "{'single':1}",
                    "{\"stock\":1e309}", "{\"stock\":-0}", "{\"stock\":9223372036854775808}", "\uFEFF{}" });
        };
    }

    private String object(int fields) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < fields; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(pick(FIELDS)).append("\":").append(value());
        }
        return json.append('}').toString();
    }

    private String value() {
        return switch (random.nextInt(10)) {
            case 0 -> "null";
            case 1 -> Integer.toString(random.nextInt());
            case 2 -> Double.toString(random.nextGaussian() * 1e6);
            case 3 -> random.nextBoolean() ? "true" : "false";
            case 4 -> "[" + value() + "]";
            case 5 -> "{\"nested\":" + (random.nextBoolean() ? "{}" : "[]") + "}";
            case 6 -> "\"" + "s".repeat(random.nextInt(3000)) + "\"";
            case 7 -> "99999999999999999999999";
            default -> "\"" + pick(STRINGS).replace("\\", "\\\\").replace("\"", "\\\"").replace("\u0000", "\\u0000")
                    .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\"";
        };
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static boolean leaks(String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        return lower.contains("exception") || lower.contains("at dev.perks") || lower.contains("select ")
                || lower.contains("insert into") || lower.contains("org.postgresql") || lower.contains("io.vertx")
                || lower.contains("com.fasterxml") || lower.contains("java.") || lower.contains("$2a$");
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text == null ? "none" : text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
