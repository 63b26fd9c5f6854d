package dev.perks.lifecycle.schema;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perks.testing.Api;
import dev.perks.testing.DevSeedResource;
import dev.perks.testing.TestDatabases;
import dev.perks.testing.TestServers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo data dev mode loads: the documented users can sign in, and a dozen perks are listed. */
@QuarkusTest
@WithTestResource(value = DevSeedResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class DevSeedTest {

    @Test
    void documentedDevUsersAndPerksAreThere() throws Exception {
        Api.awaitReady();
        given().get("/api/perks").then().statusCode(200).body("total", equalTo(12));
        assertEquals(4, count("SELECT count(*) FROM users"));
        assertEquals(12, count("SELECT count(*) FROM perks"));
        for (String[] user : new String[][] { { "admin@perks.dev", "admin-dev-pass", "admin" },
                { "alice@perks.dev", "employee-dev-pass", "employee" }, { "bob@perks.dev", "employee-dev-pass", "employee" },
                { "carol@perks.dev", "employee-dev-pass", "employee" } }) {
            given().contentType(ContentType.JSON).body(Map.of("email", user[0], "password", user[1]))
                    .post("/api/auth/login").then().statusCode(200).body("user.role", equalTo(user[2]));
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + TestServers.HOST + ":"
                + TestServers.postgresPort() + "/" + DevSeedResource.DATABASE, "postgres", "");
                Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
