package dev.perks.claim;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The queries of claims, on the session the guard opened (a transaction for
 * writes, none for reads). Taking stock is one SQL
 * statement ({@link #take}); the rest is Panache.
 */
@Singleton
public class ClaimRepository implements PanacheRepository<Claim> {

    /*
     * Decrement and insert in one statement: the UPDATE takes the perk's row lock, so concurrent
     * claimers queue on it and each re-checks stock > 0 on the latest row; if the INSERT then breaks
     * a unique constraint the decrement is undone with it. No read-then-write window exists, and the
     * reply is sent only after PostgreSQL has committed. JPQL cannot express a data-modifying CTE.
     */
    private static final String TAKE = """
            WITH taken AS (
                UPDATE perks SET stock = stock - 1
                WHERE id = :perk AND active AND stock > 0
                  AND EXISTS (SELECT 1 FROM users WHERE id = :user AND active)
                RETURNING id
            )
            INSERT INTO claims (perk_id, user_id, idempotency_key)
            SELECT id, :user, :key FROM taken
            RETURNING id, perk_id, user_id, idempotency_key, claimed_at""";

    private static final String WHY_NOT = """
            SELECT p.active,
                   coalesce((SELECT u.active FROM users u WHERE u.id = :user), false),
                   EXISTS (SELECT 1 FROM claims c WHERE c.user_id = :user AND c.perk_id = :perk)
            FROM perks p WHERE p.id = :perk""";

    /** The new claim, or empty when the perk is absent, inactive or sold out, or the user is inactive. */
    public Uni<Optional<Claim>> take(long perkId, long userId, String idempotencyKey) {
        return getSession().chain(session -> session.createNativeQuery(TAKE, Claim.class)
                .setParameter("perk", perkId).setParameter("user", userId).setParameter("key", idempotencyKey)
                .getSingleResultOrNull())
                .map(Optional::ofNullable);
    }

    /** Why {@link #take} took nothing: empty when the perk does not exist. */
    public Uni<Optional<Refusal>> whyNot(long perkId, long userId) {
        return getSession().chain(session -> session.createNativeQuery(WHY_NOT, Object[].class)
                .setParameter("perk", perkId).setParameter("user", userId)
                .getSingleResultOrNull())
                .map(row -> Optional.ofNullable(row).map(columns -> new Refusal(
                        (Boolean) columns[0], (Boolean) columns[1], (Boolean) columns[2])));
    }

    public Uni<Optional<Claim>> findByKey(long userId, String idempotencyKey) {
        return find("userId = ?1 and idempotencyKey = ?2", userId, idempotencyKey).firstResult().map(Optional::ofNullable);
    }

    public Uni<List<Claim>> listByUser(long userId) {
        return find("userId", Sort.by("claimedAt").and("id"), userId).list();
    }

    /** The state that refused a claim. */
    public record Refusal(boolean perkVisible, boolean userActive, boolean alreadyClaimed) {
    }
}
