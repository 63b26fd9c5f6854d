package dev.perks.auth;

import dev.perks.error.ServiceUnavailableException;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Singleton;
import java.util.Base64;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * bcrypt, always on a worker thread: one hash costs tens to hundreds of milliseconds of CPU and
 * must never run on an event loop.
 *
 * <p>bcrypt reads only the first 72 bytes of its input, and a 128-character password can be
 * longer than that in UTF-8. The password is therefore first reduced with SHA-256 (Base64, 44
 * bytes), as passlib's {@code bcrypt_sha256} does, so every character counts.
 *
 * <p>A bulkhead bounds how many hashes run and wait at once: a login flood answers 503 quickly
 * instead of queueing CPU work without limit and starving the rest of the service.
 */
@Singleton
public class PasswordHasher {

    private static final int QUEUED_HASHES = 64;

    private final Bcrypt bcrypt = new Bcrypt();
    private final int cost;
    private final Guard bulkhead;
    private volatile String decoy;

    PasswordHasher(AuthConfig config) {
        this.cost = config.bcryptCost();
        this.bulkhead = Guard.create().withDescription("password-hashing")
                .withBulkhead().limit(Runtime.getRuntime().availableProcessors()).queueSize(QUEUED_HASHES).done()
                .build();
    }

    public Uni<String> hash(String password) {
        return onWorker(() -> hashNow(password));
    }

    /**
     * Whether {@code password} matches {@code storedHash}. With no stored hash (unknown email) a
     * decoy hash is checked instead, so both cases take the same time and cannot be told apart.
     */
    public Uni<Boolean> matches(String password, String storedHash) {
        return onWorker(() -> {
            String hash = storedHash != null ? storedHash : decoy();
            return bcrypt.matches(preHash(password), hash) && storedHash != null;
        });
    }

    /** Blocking: for callers already on a worker thread (bootstrap admin). */
    String hashNow(String password) {
        return bcrypt.hash(preHash(password), cost);
    }

    private String decoy() {
        String current = decoy;
        if (current == null) {
            current = hashNow("decoy password nobody has");
            decoy = current;
        }
        return current;
    }

    private <T> Uni<T> onWorker(Supplier<T> work) {
        // The type literal tells the guard the result is a Uni, so the bulkhead counts the hash until
        // the Uni completes, not until it is returned.
        Uni<T> guarded = bulkhead.get(() -> Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()),
                new TypeLiteral<Uni<T>>() {
                });
        return guarded.onFailure(BulkheadException.class).transform(e -> new ServiceUnavailableException("overloaded",
                "Too many sign-ins are being processed; try again shortly.", ServiceUnavailableException.RETRY_AFTER));
    }

    static String preHash(String password) {
        return Base64.getEncoder().encodeToString(Sha256.of(password));
    }
}
