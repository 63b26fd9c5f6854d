package dev.perks.perk;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The queries of the catalogue, on the session the guard opened (a transaction for writes, none for
 * reads), except for the public hot read {@link #findActive}, which runs one prepared statement on the
 * reactive pool: the most frequent request skips a Hibernate session (README, Performance, has the
 * figures).
 */
@Singleton
public class PerkRepository implements PanacheRepository<Perk> {

    private static final String ACTIVE_BY_ID =
            "SELECT id, title, description, stock, active, created_at FROM perks WHERE id = $1 AND active";

    private final Pool pool;

    PerkRepository(Pool pool) {
        this.pool = pool;
    }

    /** Needs no session: call it through {@code DatabaseGuard.readOnPool}. */
    public Uni<Optional<Perk>> findActive(long id) {
        return pool.preparedQuery(ACTIVE_BY_ID).execute(Tuple.of(id)).map(rows -> {
            RowIterator<Row> iterator = rows.iterator();
            if (!iterator.hasNext()) {
                return Optional.empty();
            }
            Row row = iterator.next();
            return Optional.of(new Perk(row.getLong(0), row.getString(1), row.getString(2), row.getInteger(3),
                    row.getBoolean(4), row.getOffsetDateTime(5)));
        });
    }

    public Uni<Optional<Perk>> findOptional(long id) {
        return findById(id).map(Optional::ofNullable);
    }

    public Uni<List<Perk>> page(boolean includeInactive, int index, int size) {
        return (includeInactive ? findAll(Sort.by("id")) : find("active", Sort.by("id"), true))
                .page(Page.of(index, size)).list();
    }

    public Uni<Long> count(boolean includeInactive) {
        return includeInactive ? count() : count("active", true);
    }
}
