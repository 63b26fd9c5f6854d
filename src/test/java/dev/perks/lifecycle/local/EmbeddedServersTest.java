package dev.perks.lifecycle.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.perks.lifecycle.config.DatabaseUrl;
import dev.perks.lifecycle.schema.ShippedSchema;
import dev.perks.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A machine with only a JDK, as CI can prove it on a machine that has local servers: the test
 * profile's "local" defaults point at ports where nothing listens, no URL is configured, and the
 * embedded PostgreSQL and Redis take over.
 */
@QuarkusTest
@TestProfile(EmbeddedServersTest.NothingListensLocally.class)
class EmbeddedServersTest {

    private static final String DATABASE = "perks_it_embedded";

    public static class NothingListensLocally implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "perks.local.database-url", "postgresql://postgres@localhost:" + closedPort() + "/" + DATABASE,
                    "perks.local.redis-url", "redis://localhost:" + closedPort(),
                    "perks.auth.throttle.key-prefix", "perks-test:" + UUID.randomUUID() + ":");
        }
    }

    @Test
    void embeddedServersServeTheApiWhenNothingAnswersLocally() throws Exception {
        Api.awaitReady();
        given().get("/api/perks").then().statusCode(200).body("total", equalTo(0));

        DatabaseUrl local = DatabaseUrl.parse(config("perks.local.database-url"));
        DatabaseUrl used = DatabaseUrl.parse("pool", config("quarkus.datasource.reactive.url"));
        assertEquals("127.0.0.1", used.host());
        assertNotEquals(local.port(), used.port());
        assertEquals(DATABASE, used.database());
        try (Connection connection = DriverManager.getConnection(used.jdbcUrl(), "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT max(version::int)::text, current_setting('server_version_num')"
                        + " FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
            rows.next();
            assertEquals(ShippedSchema.VERSION, rows.getString(1), "migrations applied on the embedded server");
            assertEquals("17", rows.getString(2).substring(0, 2), "PostgreSQL 17 binaries");
        }

        // The login throttle lives in Redis and fails open without it: a 429 proves Redis answers.
        String email = Api.employee().email();
        for (int attempt = 1; attempt <= 5; attempt++) {
            wrongPassword(email).then().statusCode(401);
        }
        wrongPassword(email).then().statusCode(429).body("type", endsWith("/too-many-login-attempts"));
    }

    private static io.restassured.response.Response wrongPassword(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "not-the-password"))
                .post("/api/auth/login");
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }

    /** A port that was free a moment ago: nothing listens there. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
