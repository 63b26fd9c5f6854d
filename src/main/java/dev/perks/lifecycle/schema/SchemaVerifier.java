package dev.perks.lifecycle.schema;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgException;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tells, with one query over the reactive pool, whether the schema already is what this build
 * ships: every migration of {@link ShippedSchema} applied, successfully, with the same checksum,
 * and no failed migration left behind. That is the common start (a restart, a new replica) and it
 * then needs neither the JDBC driver nor Flyway, whose loading was most of the time from live to
 * ready. Anything else (an empty or older database, a changed migration, a failed one) is Flyway's
 * to apply or report. Newer migrations than this build knows are accepted, as Flyway is told to
 * accept them, so an older replica stays ready during a rolling upgrade.
 */
@Singleton
public class SchemaVerifier {

    private static final String UNDEFINED_TABLE = "42P01";
    private static final String HISTORY = "SELECT version, checksum, success FROM flyway_schema_history WHERE version IS NOT NULL";

    private final Pool pool;

    SchemaVerifier(Pool pool) {
        this.pool = pool;
    }

    /** Empty when the schema is current; otherwise why Flyway has work to do. Fails when the database cannot be asked. */
    public Uni<Optional<String>> whyNotCurrent() {
        return pool.query(HISTORY).execute()
                .map(rows -> {
                    Map<String, Row> applied = new HashMap<>();
                    for (Row row : rows) {
                        if (!row.getBoolean("success")) {
                            return Optional.of("migration " + row.getString("version") + " failed earlier");
                        }
                        applied.put(row.getString("version"), row);
                    }
                    for (ShippedSchema.Migration shipped : ShippedSchema.MIGRATIONS) {
                        Row row = applied.get(shipped.version());
                        if (row == null) {
                            return Optional.of("migration " + shipped.version() + " is pending");
                        }
                        Integer checksum = row.getInteger("checksum");
                        if (checksum == null || checksum != shipped.checksum()) {
                            return Optional.of("migration " + shipped.version() + " differs from the one applied");
                        }
                    }
                    return Optional.<String>empty();
                })
                .onFailure(SchemaVerifier::noHistoryTable).recoverWithItem(Optional.of("the database has no schema yet"));
    }

    private static boolean noHistoryTable(Throwable failure) {
        return failure instanceof PgException pg && UNDEFINED_TABLE.equals(pg.getSqlState());
    }
}
