package dev.perks.api;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Supplier;

/** One page of a listing, with the total so clients can page without guessing. */
public record Page<T>(List<T> items, int page, int size, long total) {

    /**
     * The requested page, then the total: one after the other, as both run on one connection (a
     * reactive session runs one statement at a time).
     */
    public static <T> Uni<Page<T>> read(PageRequest request, Uni<List<T>> items, Supplier<Uni<Long>> total) {
        return items.flatMap(found -> total.get().map(count -> new Page<>(found, request.page(), request.size(), count)));
    }
}
