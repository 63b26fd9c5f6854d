package dev.perks.lifecycle.schema;

import dev.perks.lifecycle.config.DatabaseConfig;
import dev.perks.lifecycle.config.DatabaseUrl;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database reached over JDBC: by default the one the reactive pool uses, derived from the same
 * {@code quarkus.datasource.*} values so the two can never disagree. Flyway uses
 * {@link #forMigrations} instead, which honours {@code MIGRATION_DATABASE_URL}. No JDBC pool
 * exists: callers open a connection when they run and close it after.
 *
 * @param throughTransactionPooler the server is a transaction pooler (PgBouncer): statements are
 *        never prepared by name, which a pooler in that mode cannot route
 */
public record JdbcTarget(DatabaseUrl url, Optional<String> username, Optional<String> password,
        boolean throughTransactionPooler) {

    /**
     * The request path's database, over JDBC. Quarkus' own {@code quarkus.datasource.*} values are
     * read from {@code config}; the service's settings come from their mappings.
     */
    public static JdbcTarget from(Config config, DatabaseConfig database) {
        String reactiveUrl = config.getOptionalValue("quarkus.datasource.reactive.url", String.class)
                .orElseThrow(() -> new IllegalStateException("no database configured (DATABASE_URL or QUARKUS_DATASOURCE_REACTIVE_URL)"));
        DatabaseUrl url = DatabaseUrl.parse("QUARKUS_DATASOURCE_REACTIVE_URL", reactiveUrl.replaceFirst("^vertx-reactive:", ""));
        // Explicit properties win over credentials embedded in the URL, as they do for the pool.
        Optional<String> username = config.getOptionalValue("quarkus.datasource.username", String.class).or(url::username);
        Optional<String> password = config.getOptionalValue("quarkus.datasource.password", String.class).or(url::password);
        return new JdbcTarget(url, username, password, database.pooler() == DatabaseConfig.Pooler.TRANSACTION);
    }

    /**
     * Where migrations run: {@code MIGRATION_DATABASE_URL} when set (a direct or session-mode
     * connection, its own credentials first), otherwise the request path's database.
     */
    public static JdbcTarget forMigrations(Config config, DatabaseConfig database, MigrationConfig migration) {
        Optional<String> migrationUrl = migration.databaseUrl().filter(url -> !url.isBlank());
        if (migrationUrl.isEmpty()) {
            return from(config, database);
        }
        DatabaseUrl url = DatabaseUrl.parse("MIGRATION_DATABASE_URL", migrationUrl.get());
        Optional<String> username = url.username().or(() -> config.getOptionalValue("quarkus.datasource.username", String.class));
        Optional<String> password = url.username().isPresent() ? url.password()
                : config.getOptionalValue("quarkus.datasource.password", String.class);
        return new JdbcTarget(url, username, password, false);
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
        if (throughTransactionPooler) {
            dataSource.setPrepareThreshold(0);
        }
        return dataSource;
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
