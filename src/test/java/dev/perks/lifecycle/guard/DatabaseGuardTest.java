package dev.perks.lifecycle.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.perks.error.ServiceUnavailableException;
import dev.perks.testing.Api;
import dev.perks.testing.ApiTestResource;
import dev.perks.testing.OnVertxContext;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.VertxException;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which failures the guard sends again: a dead connection is retried for reads and for writes a
 * unique key makes safe, never for a plain write (its commit outcome is unknown); a failed connect
 * (nothing sent) is retried for every kind. The running service's real guard, fed failures as the
 * reactive client raises them.
 */
@QuarkusTest
@WithTestResource(value = ApiTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DatabaseGuardTest {

    @Inject
    DatabaseGuard guard;

    @BeforeEach
    void serviceIsReady() {
        Api.awaitReady();
    }

    @Test
    void aConnectionDroppedMidStatementIsResentOnlyWhenThatIsSafe() throws Exception {
        assertEquals(2, attemptsUntilSuccess(guard::read, closedConnection()));
        assertEquals(2, attemptsUntilSuccess(guard::idempotentWrite, closedConnection()));

        AtomicInteger writes = new AtomicInteger();
        Throwable refused = assertThrows(Throwable.class, () -> OnVertxContext.await(() -> guard.write(() -> {
            writes.incrementAndGet();
            return Uni.createFrom().failure(closedConnection());
        })));
        assertEquals(1, writes.get(), "a plain write whose reply was lost is never sent twice");
        assertInstanceOf(ServiceUnavailableException.class, refused);
    }

    /**
     * A database restart kills every pooled connection at once: each request meets one dead
     * connection and is retried on a fresh one. None may fail for it (SPEC §1.5), however many there
     * are: dead connections must not add up to an outage that refuses the retries.
     */
    @Test
    void aRestartThatKilledEveryPooledConnectionFailsNoRequest() throws Exception {
        for (int connection = 0; connection < 32; connection++) {
            assertEquals(2, attemptsUntilSuccess(guard::read, closedConnection()));
        }
        assertEquals(2, attemptsUntilSuccess(guard::idempotentWrite, closedConnection()));
    }

    @Test
    void aConnectThatFailedIsRetriedForEveryKind() throws Exception {
        assertEquals(2, attemptsUntilSuccess(guard::write, new ConnectException("Connection refused")));
        assertEquals(2, attemptsUntilSuccess(guard::read, new ConnectException("Connection refused")));
    }

    private interface Kind {
        Uni<String> run(java.util.function.Supplier<Uni<String>> work);
    }

    /** Fails once with {@code failure}, then succeeds; returns how many attempts the guard made. */
    private static int attemptsUntilSuccess(Kind kind, Throwable failure) throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        String result = OnVertxContext.await(() -> kind.run(() -> attempts.incrementAndGet() == 1 ? Uni.createFrom().failure(failure)
                : Uni.createFrom().item("ok")));
        assertEquals("ok", result);
        return attempts.get();
    }

    private static Throwable closedConnection() {
        return new VertxException("Connection was closed", true);
    }
}
