package dev.perks.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.api.Mailbox;
import dev.perks.testing.Db;
import dev.perks.testing.TestDatabases;
import dev.perks.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

/**
 * The V2 migration brings existing accounts to their mailbox key, computed in SQL exactly as
 * {@link Mailbox} computes it in Java, and refuses, naming the rows, when two accounts turn out to
 * share one mailbox. Run on a UTF-8-locale database, where the old lower(email) index folded
 * letters the service does not.
 */
class MailboxMigrationTest {

    private static final String DATABASE = "perks_it_mailbox_migration";
    private static final String HASH = "$2a$04$x";

    @Test
    void existingRowsGetTheKeyJavaComputes() throws SQLException {
        Flyway flyway = atVersion1();
        String[] emails = { "Plain.Case@Example.COM", "\uFF57\uFF49\uFF44\uFF45@example.com", "v\u0130vian@example.com" };
        insert(emails);
        flyway.migrate();

        assertEquals(Mailbox.parse(emails[0]).orElseThrow().key(), key(emails[0]));
        assertEquals(Mailbox.parse(emails[1]).orElseThrow().key(), key(emails[1]));
        assertEquals("wide@example.com", key(emails[1]));
        // Kept, not folded to "vivian@...": the API never accepts it, so it names no one's mailbox by accident.
        assertEquals("v\u0130vian@example.com", key(emails[2]));
        assertEquals("users_email_normal_uk", Db.queryStringIn(DATABASE,
                "SELECT indexname FROM pg_indexes WHERE tablename = 'users' AND indexdef LIKE '%UNIQUE%email%'"));
    }

    @Test
    void twoRowsForOneMailboxStopTheMigrationAndAreNamed() throws SQLException {
        Flyway flyway = atVersion1();
        insert("ann@example.com", "\uFF21nn@example.com", "bob@example.com", "\uFF42OB@example.com", "carl@example.com");
        FlywayException failure = assertThrows(FlywayException.class, flyway::migrate);
        String message = failure.getMessage();
        assertTrue(message.contains("ann@example.com is claimed by users 1 (ann@example.com), 2 (\uFF21nn@example.com)"),
                message);
        assertTrue(message.contains("bob@example.com is claimed by users 3 (bob@example.com), 4 (\uFF42OB@example.com)"), message);
        assertTrue(!message.contains("carl"), message);
        // Nothing merged, nothing half-done: still version 1, every row as it was.
        assertEquals(5, Db.queryLongIn(DATABASE, "SELECT count(*) FROM users"));
        assertEquals(0, Db.queryLongIn(DATABASE,
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'email_normal'"));
    }

    private static Flyway atVersion1() {
        TestDatabases.createUtf8(DATABASE);
        Flyway flyway = Flyway.configure()
                .dataSource("jdbc:postgresql://" + TestServers.postgres() + "/" + DATABASE, "postgres", "")
                .locations("classpath:db/migration").load();
        Flyway.configure().configuration(flyway.getConfiguration()).target("1").load().migrate();
        return flyway;
    }

    private static void insert(String... emails) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + TestServers.postgres() + "/" + DATABASE, "postgres", "");
                Statement statement = connection.createStatement()) {
            for (String email : emails) {
                // Written as V1 allowed: the old index compared lower(email) under the database's locale.
                statement.execute("INSERT INTO users (email, password_hash, display_name) VALUES ('" + email + "', '"
                        + HASH + "', 'Existing')");
            }
        }
    }

    private static String key(String email) {
        return Db.queryStringIn(DATABASE, "SELECT email_normal FROM users WHERE email = ?", email);
    }
}
