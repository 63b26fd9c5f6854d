package dev.perks.user;

import dev.perks.lifecycle.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** The SQL of accounts. Emails are compared case-insensitively through the {@code lower(email)} unique index. */
@Singleton
public class UserRepository {

    /** The unique index that makes emails case-insensitively unique (V1 migration). */
    public static final String EMAIL_UNIQUE_INDEX = "users_email_ci_uk";
    private static final String COLUMNS = "id, email, display_name, role, active, created_at";

    private final Pool pool;

    UserRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<User> insert(String email, String passwordHash, String displayName, Role role) {
        return pool.preparedQuery("INSERT INTO users (email, password_hash, display_name, role) VALUES ($1, $2, $3, $4)"
                + " RETURNING " + COLUMNS)
                .execute(Tuple.of(email, passwordHash, displayName, role.code()))
                .map(rows -> toUser(rows.iterator().next()));
    }

    /** Inserts unless some user already has that email; true when this call created it. Safe across replicas. */
    public Uni<Boolean> insertIfEmailFree(String email, String passwordHash, String displayName, Role role) {
        return pool.preparedQuery("INSERT INTO users (email, password_hash, display_name, role) VALUES ($1, $2, $3, $4)"
                + " ON CONFLICT ((lower(email))) DO NOTHING")
                .execute(Tuple.of(email, passwordHash, displayName, role.code()))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> emailExists(String email) {
        return pool.preparedQuery("SELECT 1 FROM users WHERE lower(email) = lower($1)")
                .execute(Tuple.of(email)).map(rows -> rows.size() > 0);
    }

    public Uni<Optional<Credentials>> findCredentials(String email) {
        return pool.preparedQuery("SELECT " + COLUMNS + ", password_hash FROM users WHERE lower(email) = lower($1)")
                .execute(Tuple.of(email))
                .map(rows -> Rows.first(rows, row -> new Credentials(toUser(row), row.getString("password_hash"))));
    }

    public Uni<Optional<User>> findById(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE id = $1")
                .execute(Tuple.of(id)).map(rows -> Rows.first(rows, UserRepository::toUser));
    }

    /** {@code active} null lists everyone. */
    public Uni<List<User>> list(Boolean active, int limit, long offset) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE ($1::boolean IS NULL OR active = $1)"
                + " ORDER BY id LIMIT $2 OFFSET $3")
                .execute(Tuple.of(active, limit, offset))
                .map(rows -> Rows.all(rows, UserRepository::toUser));
    }

    public Uni<Long> count(Boolean active) {
        return pool.preparedQuery("SELECT count(*) FROM users WHERE ($1::boolean IS NULL OR active = $1)")
                .execute(Tuple.of(active)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Absent (null) fields keep their value. Empty when no such user. */
    public Uni<Optional<User>> update(long id, UserUpdate update) {
        String role = update.role() == null ? null : update.role().code();
        return pool.preparedQuery("UPDATE users SET role = COALESCE($2, role), active = COALESCE($3, active)"
                + " WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(id, role, update.active()))
                .map(rows -> Rows.first(rows, UserRepository::toUser));
    }


    private static User toUser(Row row) {
        return new User(row.getLong("id"), row.getString("email"), row.getString("display_name"),
                Role.fromCode(row.getString("role")), row.getBoolean("active"), row.getOffsetDateTime("created_at"));
    }

    /** A user with the hash to check a password against; never leaves the auth flow. */
    public record Credentials(User user, String passwordHash) {

        @Override
        public String toString() {
            return "Credentials[user=" + user.id() + ", passwordHash=***]";
        }
    }
}
