package dev.perks.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perks.lifecycle.SchemaMigrator.SchemaReady;
import dev.perks.testing.Api;
import dev.perks.testing.ApiTestResource;
import dev.perks.testing.Db;
import dev.perks.user.Role;
import dev.perks.user.UserRepository;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bootstrap admin is created once, however many times and replicas run it, and never overwritten. */
@QuarkusTest
@WithTestResource(value = ApiTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BootstrapAdminTest {

    @BeforeEach
    void serviceIsReady() {
        Api.awaitReady();
    }

    @Inject
    BootstrapAdmin bootstrap;
    @Inject
    UserRepository users;

    @Test
    void runningItAgainChangesNothing() throws Exception {
        String before = Db.queryString("SELECT password_hash || id FROM users WHERE lower(email) = lower(?)",
                ApiTestResource.ADMIN_EMAIL);
        inParallel(8, () -> {
            bootstrap.create(new SchemaReady("1")); // what each restart or replica does after migrating
            return true;
        });
        assertEquals(1, Db.queryLong("SELECT count(*) FROM users WHERE lower(email) = lower(?)", ApiTestResource.ADMIN_EMAIL));
        assertEquals(before, Db.queryString("SELECT password_hash || id FROM users WHERE lower(email) = lower(?)",
                ApiTestResource.ADMIN_EMAIL));
    }

    @Test
    void concurrentReplicasCreateExactlyOneAdmin() throws Exception {
        String email = "replica-" + UUID.randomUUID() + "@perks.test";
        List<Boolean> created = inParallel(8, () -> users.insertIfEmailFree(
                Thread.currentThread().getId() % 2 == 0 ? email : email.toUpperCase(), "$2a$04$x", "Administrator", Role.ADMIN)
                .await().atMost(Duration.ofSeconds(10)));
        assertEquals(1, created.stream().filter(Boolean::booleanValue).count());
        assertEquals(1, Db.queryLong("SELECT count(*) FROM users WHERE lower(email) = lower(?)", email));
    }

    private static <T> List<T> inParallel(int copies, java.util.concurrent.Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<T>> futures = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                        return work.call();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (CompletableFuture<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
