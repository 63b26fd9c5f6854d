package dev.perks.lifecycle;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The creation time of a new row, set by the entity rather than by the column's {@code DEFAULT now()}:
 * Hibernate Reactive 3.2 cannot read back a generated column beside the identity
 * (ArrayIndexOutOfBounds in ReactiveValuesResultSet), and setting it saves that read.
 */
public final class DatabaseClock {

    private DatabaseClock() {
    }

    /** Now, in UTC, at PostgreSQL's precision: what a client is answered is what a later read returns. */
    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
