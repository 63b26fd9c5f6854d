package dev.perks.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Each test class works in its own database on the test server (TestServers); nothing else is touched. */
public final class TestDatabases {


    private TestDatabases() {
    }

    /** An empty database of that name, as an operator would provision it (dropped first if it exists). */
    public static void create(String name) {
        drop(name);
        execute("CREATE DATABASE \"" + name + "\"");
    }

    /**
     * An empty UTF-8 database with a UTF-8 locale (C.UTF-8, present on every glibc system), as
     * production images provision them: the locale under which SQL lower() folds non-ASCII letters.
     */
    public static void createUtf8(String name) {
        drop(name);
        execute("CREATE DATABASE \"" + name + "\" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'");
    }

    /** Drops the database so the service under test starts against nothing and must create and migrate it. */
    public static void drop(String name) {
        execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + TestServers.postgres() + "/postgres",
                "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run on the test server: " + sql, e);
        }
    }
}
