package dev.perks.user;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The queries of accounts, on the session the caller's transaction opened. Emails are compared
 * case-insensitively, through the {@code lower(email)} unique index.
 */
@Singleton
public class UserRepository implements PanacheRepository<User> {

    /** The unique index that makes emails case-insensitively unique (V1 migration). */
    public static final String EMAIL_UNIQUE_INDEX = "users_email_ci_uk";

    public Uni<Optional<User>> findByEmail(String email) {
        return find("lower(email) = lower(?1)", email).firstResult().map(Optional::ofNullable);
    }

    public Uni<Optional<User>> findOptional(long id) {
        return findById(id).map(Optional::ofNullable);
    }

    /** {@code active} null lists everyone. */
    public Uni<List<User>> page(Boolean active, int index, int size) {
        return (active == null ? findAll(Sort.by("id")) : find("active", Sort.by("id"), active))
                .page(Page.of(index, size)).list();
    }

    public Uni<Long> count(Boolean active) {
        return active == null ? count() : count("active", active);
    }

    /**
     * Inserts unless some user already has that email; true when this call created it. Written as
     * SQL because {@code ON CONFLICT DO NOTHING} on the expression index is what makes it safe for
     * replicas starting together, and JPQL cannot say it.
     */
    public Uni<Boolean> insertIfEmailFree(String email, String passwordHash, String displayName, Role role) {
        return getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO users (email, password_hash, display_name, role) VALUES (:email, :hash, :name, :role)
                ON CONFLICT ((lower(email))) DO NOTHING""")
                .setParameter("email", email).setParameter("hash", passwordHash).setParameter("name", displayName)
                .setParameter("role", role.code())
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
