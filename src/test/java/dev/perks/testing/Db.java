package dev.perks.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the rows the service wrote, straight from PostgreSQL: what a test believes is what is stored. */
public final class Db {

    private Db() {
    }

    public static long queryLong(String sql, Object... parameters) {
        return Long.parseLong(queryString(sql, parameters));
    }

    /** The first column of the first row, from the API tests' database. */
    public static String queryString(String sql, Object... parameters) {
        return queryStringIn(ApiTestResource.DATABASE, sql, parameters);
    }

    public static long queryLongIn(String database, String sql, Object... parameters) {
        return Long.parseLong(queryStringIn(database, sql, parameters));
    }

    /** The first column of the first row, from that database on the test server. */
    public static String queryStringIn(String database, String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + TestServers.HOST + ":" + TestServers.postgresPort() + "/" + database, "postgres", "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new AssertionError("no row for " + sql);
                }
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
