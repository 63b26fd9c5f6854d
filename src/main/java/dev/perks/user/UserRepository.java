package dev.perks.user;

import dev.perks.api.Mailbox;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

/**
 * The queries of accounts, on the session the guard opened (a transaction for
 * writes, none for reads), except for the bootstrap admin's two statements, which run on the
 * reactive pool at start-up (see {@link #mailboxTaken}). An email names an
 * account only through its {@link Mailbox#key()}, stored in {@code email_normal}: no collation and
 * no SQL {@code lower()} take part in identity.
 */
@Singleton
public class UserRepository implements PanacheRepository<User> {

    /** The unique index on the mailbox key (V2 migration): one account per mailbox. */
    public static final String EMAIL_UNIQUE_INDEX = "users_email_normal_uk";

    private final Pool pool;

    UserRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<User>> findByMailbox(Mailbox mailbox) {
        return find("emailNormal", mailbox.key()).firstResult().map(Optional::ofNullable);
    }

    public Uni<Optional<User>> findOptional(long id) {
        return findById(id).map(Optional::ofNullable);
    }

    /** The account, its row locked until the transaction ends. */
    public Uni<Optional<User>> findForUpdate(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE).map(Optional::ofNullable);
    }

    /**
     * Whether that account is an active admin, holding its row (FOR SHARE) until the transaction
     * ends so that no demotion or deactivation can commit in between. After waiting for a concurrent
     * change, PostgreSQL re-checks the condition on the committed row.
     */
    public Uni<Boolean> holdIfActiveAdmin(long id) {
        return getSession().chain(session -> session.createNativeQuery(
                "SELECT id FROM users WHERE id = :id AND role = 'admin' AND active FOR SHARE", Long.class)
                .setParameter("id", id).getResultList())
                .map(rows -> !rows.isEmpty());
    }

    /**
     * The ids of every active admin, each row locked until the transaction ends, always in id order
     * so two transactions doing this never deadlock. Rows a concurrent transaction demoted or
     * deactivated are re-checked after the wait and left out. NO KEY UPDATE, not UPDATE: claims
     * referencing these users (FOR KEY SHARE) are not held up.
     */
    public Uni<List<Long>> lockActiveAdmins() {
        return getSession().chain(session -> session.createNativeQuery(
                "SELECT id FROM users WHERE role = 'admin' AND active ORDER BY id FOR NO KEY UPDATE", Long.class)
                .getResultList());
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
     * Whether some account has that mailbox. On the reactive pool, without a Hibernate session: the
     * bootstrap admin asks this on the first start, between the database answering and readiness,
     * where a JVM's first Hibernate query costs 0.3–0.5 s (README, Performance).
     */
    public Uni<Boolean> mailboxTaken(Mailbox mailbox) {
        return pool.preparedQuery("SELECT 1 FROM users WHERE email_normal = $1").execute(Tuple.of(mailbox.key()))
                .map(rows -> rows.size() > 0);
    }

    /**
     * Inserts unless some account already has that mailbox; true when this call created it. SQL
     * because {@code ON CONFLICT DO NOTHING} on the mailbox index is what makes it safe for replicas
     * starting together, and JPQL cannot say it; on the pool, for the reason {@link #mailboxTaken} gives.
     */
    public Uni<Boolean> insertIfEmailFree(Mailbox mailbox, String passwordHash, String displayName, Role role) {
        return pool.preparedQuery("""
                INSERT INTO users (email, email_normal, password_hash, display_name, role)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (email_normal) DO NOTHING""")
                .execute(Tuple.of(mailbox.address(), mailbox.key(), passwordHash, displayName, role.code()))
                .map(rows -> rows.rowCount() == 1);
    }
}
