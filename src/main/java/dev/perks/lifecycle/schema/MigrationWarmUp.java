package dev.perks.lifecycle.schema;

import java.util.List;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.flywaydb.database.postgresql.PostgreSQLParser;
import org.jboss.logging.Logger;

/**
 * Runs the parts of Flyway's first migrate that need no database, while the database is still
 * away: parses the shipped migrations with Flyway's PostgreSQL parser and loads the classes of the
 * JDBC driver and of Flyway's migrate command. In a JVM that has not migrated yet (plain JDK 17
 * above all, no AOT cache) that class loading and first interpretation was a good part of the time
 * from the database answering to the schema being applied. Nothing here connects, nothing is kept:
 * the real migrate parses again, only faster. A failure is logged and otherwise ignored, as the
 * migration itself does not depend on it.
 */
final class MigrationWarmUp {

    private static final Logger LOG = Logger.getLogger(MigrationWarmUp.class);

    /**
     * Classes a first migrate loads once connected (a failed connection attempt loads none of
     * them), named because some are not public; MigrationWarmUpTest checks that each still exists.
     */
    static final List<String> MIGRATE_PATH = List.of(
            "org.postgresql.core.v3.QueryExecutorImpl", "org.postgresql.jdbc.PgConnection",
            "org.postgresql.jdbc.PgPreparedStatement", "org.postgresql.jdbc.PgResultSet",
            "org.postgresql.jdbc.PgResultSetMetaData", "org.postgresql.jdbc.PgDatabaseMetaData",
            "org.postgresql.jdbc.TypeInfoCache", "org.postgresql.jdbc.TimestampUtils",
            "org.flywaydb.database.postgresql.PostgreSQLDatabase", "org.flywaydb.database.postgresql.PostgreSQLConnection",
            "org.flywaydb.database.postgresql.PostgreSQLSchema", "org.flywaydb.database.postgresql.PostgreSQLTable",
            "org.flywaydb.database.postgresql.PostgreSQLAdvisoryLockTemplate",
            "org.flywaydb.core.internal.schemahistory.JdbcTableSchemaHistory",
            "org.flywaydb.core.internal.info.MigrationInfoServiceImpl", "org.flywaydb.core.internal.command.DbValidate",
            "org.flywaydb.core.internal.command.DbMigrate", "org.flywaydb.core.internal.sqlscript.DefaultSqlScriptExecutor");

    private MigrationWarmUp() {
    }

    /** Blocking (CPU only): call it on the migrator's thread, never on an event loop. Returns the statements parsed. */
    static int run(Configuration configuration, List<LoadableResource> migrations) {
        long started = System.nanoTime();
        int statements = 0;
        try {
            ClassLoader loader = MigrationWarmUp.class.getClassLoader();
            for (String type : MIGRATE_PATH) {
                Class.forName(type, true, loader);
            }
            PostgreSQLParser parser = new PostgreSQLParser(configuration, new ParsingContext());
            for (LoadableResource migration : migrations) {
                try (SqlStatementIterator parsed = parser.parse(migration)) {
                    while (parsed.hasNext()) {
                        parsed.next();
                        statements++;
                    }
                }
            }
            LOG.debugf("Flyway warmed up while the database is away: %d statement(s) parsed in %d ms",
                    statements, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException | ClassNotFoundException | LinkageError e) {
            LOG.debugf(e, "Flyway warm-up failed (ignored; the migration does not need it)");
        }
        return statements;
    }
}
