package dev.perks.lifecycle;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Maps reactive-client row sets for the repositories. */
public final class Rows {

    private Rows() {
    }

    public static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> mapper) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(mapper.apply(iterator.next())) : Optional.empty();
    }

    public static <T> List<T> all(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> items = new ArrayList<>(rows.size());
        rows.forEach(row -> items.add(mapper.apply(row)));
        return items;
    }
}
