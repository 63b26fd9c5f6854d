package dev.perks.lifecycle.schema;

import dev.perks.lifecycle.config.DatabaseUrl;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database Flyway reaches over JDBC, derived from the same
 * {@code quarkus.datasource.*} values as the reactive pool so the two can never disagree.
 * No JDBC pool exists: migrations open a connection when they run and close it after.
 */
public record JdbcTarget(DatabaseUrl url, Optional<String> username, Optional<String> password) {

    public static JdbcTarget from(Config config) {
        String reactiveUrl = config.getOptionalValue("quarkus.datasource.reactive.url", String.class)
                .orElseThrow(() -> new IllegalStateException("no database configured (DATABASE_URL or QUARKUS_DATASOURCE_REACTIVE_URL)"));
        DatabaseUrl url = DatabaseUrl.parse("QUARKUS_DATASOURCE_REACTIVE_URL", reactiveUrl.replaceFirst("^vertx-reactive:", ""));
        // Explicit properties win over credentials embedded in the URL, as they do for the pool.
        Optional<String> username = config.getOptionalValue("quarkus.datasource.username", String.class).or(url::username);
        Optional<String> password = config.getOptionalValue("quarkus.datasource.password", String.class).or(url::password);
        return new JdbcTarget(url, username, password);
    }

    public String databaseName() {
        return url.database();
    }

    public PGSimpleDataSource dataSource(String applicationName, int connectTimeoutSeconds) {
        return dataSource(url.jdbcUrl(), applicationName, connectTimeoutSeconds);
    }

    /** The same server, its {@code postgres} maintenance database: used to create a missing database. */
    public PGSimpleDataSource maintenanceDataSource(String applicationName, int connectTimeoutSeconds) {
        return dataSource(url.withDatabase("postgres").jdbcUrl(), applicationName, connectTimeoutSeconds);
    }

    private PGSimpleDataSource dataSource(String jdbcUrl, String applicationName, int connectTimeoutSeconds) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        username.ifPresent(dataSource::setUser);
        password.ifPresent(dataSource::setPassword);
        dataSource.setApplicationName(applicationName);
        dataSource.setConnectTimeout(connectTimeoutSeconds);
        dataSource.setLoginTimeout(connectTimeoutSeconds);
        dataSource.setTcpKeepAlive(true);
        return dataSource;
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
