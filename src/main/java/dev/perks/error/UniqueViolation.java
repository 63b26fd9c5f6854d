package dev.perks.error;

import io.vertx.pgclient.PgException;
import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Which unique constraint or index a write violated (SQLSTATE 23505): a business outcome (the
 * email is taken, a concurrent claim won), never a sign that the database is unwell.
 */
public final class UniqueViolation {

    private static final String SQLSTATE = "23505";

    private UniqueViolation() {
    }

    /** The violated constraint's name, or empty when the failure is not a unique violation. */
    public static Optional<String> constraint(Throwable failure) {
        // Hibernate Reactive raises its own exception (constraint name read from the server's
        // message); the reactive client raises PgException.
        Optional<String> byHibernate = Causes.find(failure, ConstraintViolationException.class)
                .filter(e -> e.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE || SQLSTATE.equals(e.getSQLState()))
                .map(ConstraintViolationException::getConstraintName);
        return byHibernate.or(() -> Causes.find(failure, PgException.class)
                .filter(pg -> SQLSTATE.equals(pg.getSqlState())).map(PgException::getConstraint));
    }
}
