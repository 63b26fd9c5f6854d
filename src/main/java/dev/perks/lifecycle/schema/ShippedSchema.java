package dev.perks.lifecycle.schema;

/**
 * The schema version this build ships: the newest versioned migration under
 * {@code db/migration}. Readiness reports it as {@code expected} from the first probe on, before
 * the database was ever reached. {@code ShippedSchemaTest} fails when a migration is added without
 * raising it.
 */
public final class ShippedSchema {

    public static final String VERSION = "2";

    private ShippedSchema() {
    }
}
