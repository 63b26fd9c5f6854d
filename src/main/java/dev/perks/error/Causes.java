package dev.perks.error;

import java.util.Optional;
import java.util.stream.Stream;

/** Walks a failure's cause chain: drivers, fault tolerance and Mutiny wrap the failure that matters. */
public final class Causes {

    /** Chains longer than this are cyclic or pathological; nothing useful lies beyond. */
    private static final int MAX_DEPTH = 32;

    private Causes() {
    }

    /** The failure itself, then each cause, outermost first. */
    public static Stream<Throwable> of(Throwable failure) {
        return Stream.iterate(failure, t -> t != null, t -> t.getCause() == t ? null : t.getCause()).limit(MAX_DEPTH);
    }

    /** The outermost failure of that type in the chain. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        return of(failure).filter(type::isInstance).map(type::cast).findFirst();
    }
}
