package dev.perks.lifecycle;

import io.vertx.pgclient.PgException;
import java.util.function.Predicate;

/** Recognises PostgreSQL's unique-violation (23505) on one named constraint or unique index. */
public final class UniqueViolation {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolation() {
    }

    public static Predicate<Throwable> on(String constraint) {
        return failure -> constraint.equals(constraintOf(failure));
    }

    /** The violated constraint's name, or null when {@code failure} is not a unique violation. */
    public static String constraintOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return pg.getConstraint();
            }
        }
        return null;
    }
}
