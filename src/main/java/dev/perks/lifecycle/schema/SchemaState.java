package dev.perks.lifecycle.schema;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where the schema stands, as the {@code schema} readiness check reports it. */
public enum SchemaState {
    /** Not migrated yet: waiting for the database. */
    PENDING,
    /** A migration attempt is running. */
    MIGRATING,
    /** Migrated to the version this build expects. */
    READY,
    /** The database answered but a migration failed; it is retried with backoff. */
    FAILED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
