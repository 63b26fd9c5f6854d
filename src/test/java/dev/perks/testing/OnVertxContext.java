package dev.perks.testing;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Supplier;

/** Runs work as a request would, on a Vert.x context (where Hibernate Reactive sessions live), and waits for it, bounded. */
public final class OnVertxContext {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private OnVertxContext() {
    }

    public static <T> T await(Supplier<Uni<T>> work) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> work.get().ifNoItem().after(WAIT).fail());
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
