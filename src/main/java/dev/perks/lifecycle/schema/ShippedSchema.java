package dev.perks.lifecycle.schema;

import java.util.List;

/**
 * The versioned migrations this build ships under {@code db/migration}, as Flyway records them in
 * {@code flyway_schema_history}: version, script and checksum. Readiness reports {@link #VERSION}
 * as {@code expected} from the first probe on, before the database was ever reached, and
 * {@link SchemaVerifier} compares the history with this list to become ready without loading Flyway
 * when nothing is to be applied. Written down here rather than computed at start-up, so start-up
 * reads no migration file; {@code ShippedSchemaTest} migrates a database with Flyway and fails,
 * naming the line to write, when a migration is added or changed without updating this list.
 */
public final class ShippedSchema {

    /** One versioned migration as Flyway checksums it (CRC32 of its lines). */
    public record Migration(String version, String script, int checksum) {
    }

    public static final List<Migration> MIGRATIONS = List.of(
            new Migration("1", "V1__schema.sql", -114673817),
            new Migration("2", "V2__one_identity_per_mailbox.sql", 1741466150));

    /** The newest version shipped: what a migrated schema is at. */
    public static final String VERSION = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    /** Where Flyway finds them by default; any other location list is left to Flyway itself. */
    public static final String LOCATION = "classpath:db/migration";

    private ShippedSchema() {
    }
}
