package dev.perks.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perks.api.Mailbox;
import dev.perks.lifecycle.schema.SchemaMigrator.SchemaReady;
import dev.perks.testing.Api;
import dev.perks.testing.ApiTestResource;
import dev.perks.testing.Concurrently;
import dev.perks.testing.Db;
import dev.perks.user.Role;
import dev.perks.user.UserRepository;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
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
        String key = Mailbox.parse(ApiTestResource.ADMIN_EMAIL).orElseThrow().key();
        String before = Db.queryString("SELECT password_hash || id FROM users WHERE email_normal = ?", key);
        Concurrently.run(Collections.nCopies(8, () -> {
            bootstrap.create(new SchemaReady("1")); // what each restart or replica does after migrating
            return true;
        }));
        assertEquals(1, Db.queryLong("SELECT count(*) FROM users WHERE email_normal = ?", key));
        assertEquals(before, Db.queryString("SELECT password_hash || id FROM users WHERE email_normal = ?", key));
    }

    @Test
    void concurrentReplicasCreateExactlyOneAdmin() throws Exception {
        String email = "replica-" + UUID.randomUUID() + "@perks.test";
        List<Callable<Boolean>> replicas = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // every spelling of one mailbox has one key, and the index is on the key
            Mailbox spelling = Mailbox.parse(i % 2 == 0 ? email : email.toUpperCase()).orElseThrow();
            replicas.add(() -> users.insertIfEmailFree(spelling, "$2a$04$x", "Administrator", Role.ADMIN)
                    .await().atMost(Duration.ofSeconds(10)));
        }
        List<Boolean> created = Concurrently.run(replicas);
        assertEquals(1, created.stream().filter(Boolean::booleanValue).count());
        assertEquals(1, Db.queryLong("SELECT count(*) FROM users WHERE email_normal = ?", email));
    }
}
