package dev.perks.perk;

import dev.perks.lifecycle.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** The SQL of the catalogue. Statements are prepared once per connection and cached by the client. */
@Singleton
public class PerkRepository {

    private static final String COLUMNS = "id, title, description, stock, active, created_at";

    private final Pool pool;

    PerkRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<Perk>> findById(long id, boolean includeInactive) {
        String sql = "SELECT " + COLUMNS + " FROM perks WHERE id = $1" + (includeInactive ? "" : " AND active");
        return pool.preparedQuery(sql).execute(Tuple.of(id)).map(rows -> Rows.first(rows, PerkRepository::toPerk));
    }

    public Uni<List<Perk>> list(boolean includeInactive, int limit, long offset) {
        String sql = "SELECT " + COLUMNS + " FROM perks" + (includeInactive ? "" : " WHERE active")
                + " ORDER BY id LIMIT $1 OFFSET $2";
        return pool.preparedQuery(sql).execute(Tuple.of(limit, offset)).map(rows -> Rows.all(rows, PerkRepository::toPerk));
    }

    public Uni<Long> count(boolean includeInactive) {
        String sql = "SELECT count(*) FROM perks" + (includeInactive ? "" : " WHERE active");
        return pool.preparedQuery(sql).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Perk> insert(NewPerk perk) {
        return pool.preparedQuery("INSERT INTO perks (title, description, stock) VALUES ($1, $2, $3) RETURNING " + COLUMNS)
                .execute(Tuple.of(perk.title(), perk.description(), perk.stock()))
                .map(rows -> toPerk(rows.iterator().next()));
    }

    /** Absent (null) fields keep their value. Empty when no such perk. */
    public Uni<Optional<Perk>> update(long id, PerkUpdate update) {
        return pool.preparedQuery("UPDATE perks SET title = COALESCE($2, title), description = COALESCE($3, description),"
                + " stock = COALESCE($4, stock), active = COALESCE($5, active) WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(id, update.title(), update.description(), update.stock(), update.active()))
                .map(rows -> Rows.first(rows, PerkRepository::toPerk));
    }

    static Perk toPerk(Row row) {
        return new Perk(row.getLong("id"), row.getString("title"), row.getString("description"),
                row.getInteger("stock"), row.getBoolean("active"), row.getOffsetDateTime("created_at"));
    }

}
