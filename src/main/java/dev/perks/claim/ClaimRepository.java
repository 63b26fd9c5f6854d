package dev.perks.claim;

import dev.perks.lifecycle.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** The SQL of claims. The stock rules live in the one statement of {@link #claim}. */
@Singleton
public class ClaimRepository {

    /** One claim per user and perk (V1 migration). */
    public static final String ONE_PER_PERK = "claims_user_perk_uk";
    /** One claim per user and idempotency key (V1 migration). */
    public static final String ONE_PER_KEY = "claims_user_key_uk";

    private static final String COLUMNS = "id, perk_id, user_id, claimed_at";

    /*
     * Decrement and insert in one statement, hence one implicit transaction: the UPDATE takes the
     * perk's row lock, so concurrent claimers queue on it and each re-checks stock > 0 on the
     * latest row; if the INSERT then breaks a unique constraint the decrement is undone with it.
     * No read-then-write window exists, and the reply is sent only after PostgreSQL has committed.
     */
    private static final String CLAIM = """
            WITH taken AS (
                UPDATE perks SET stock = stock - 1
                WHERE id = $1 AND active AND stock > 0
                  AND EXISTS (SELECT 1 FROM users WHERE id = $2 AND active)
                RETURNING id
            )
            INSERT INTO claims (perk_id, user_id, idempotency_key)
            SELECT id, $2, $3 FROM taken
            RETURNING\s""" + COLUMNS;

    private static final String WHY_NOT = """
            SELECT p.active AS visible,
                   (SELECT u.active FROM users u WHERE u.id = $2) AS user_active,
                   EXISTS (SELECT 1 FROM claims c WHERE c.user_id = $2 AND c.perk_id = $1) AS claimed
            FROM perks p WHERE p.id = $1""";

    private final Pool pool;

    ClaimRepository(Pool pool) {
        this.pool = pool;
    }

    /** The new claim, or empty when the perk is absent, inactive or sold out, or the user is inactive. */
    public Uni<Optional<Claim>> claim(long perkId, long userId, String idempotencyKey) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(perkId, userId, idempotencyKey)).map(rows -> Rows.first(rows, ClaimRepository::toClaim));
    }

    /** Why {@link #claim} took nothing: empty when the perk does not exist. */
    public Uni<Optional<Refusal>> whyNot(long perkId, long userId) {
        return pool.preparedQuery(WHY_NOT).execute(Tuple.of(perkId, userId)).map(rows -> Rows.first(rows, row -> new Refusal(
                row.getBoolean("visible"), Boolean.TRUE.equals(row.getBoolean("user_active")), row.getBoolean("claimed"))));
    }

    public Uni<Optional<Claim>> findByKey(long userId, String idempotencyKey) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM claims WHERE user_id = $1 AND idempotency_key = $2")
                .execute(Tuple.of(userId, idempotencyKey)).map(rows -> Rows.first(rows, ClaimRepository::toClaim));
    }

    public Uni<List<Claim>> listByUser(long userId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM claims WHERE user_id = $1 ORDER BY claimed_at, id")
                .execute(Tuple.of(userId)).map(rows -> Rows.all(rows, ClaimRepository::toClaim));
    }


    private static Claim toClaim(Row row) {
        return new Claim(row.getLong("id"), row.getLong("perk_id"), row.getLong("user_id"),
                row.getOffsetDateTime("claimed_at"));
    }

    /** The state that refused a claim. */
    public record Refusal(boolean perkVisible, boolean userActive, boolean alreadyClaimed) {
    }
}
