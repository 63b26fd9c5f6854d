package dev.perks.claim;

import dev.perks.error.ProblemType;
import dev.perks.error.UniqueViolation;
import dev.perks.lifecycle.guard.DatabaseGuard;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The rules of claiming: one per user and perk, never more than the stock, and an
 * {@code Idempotency-Key} that makes a retried request return the claim it already made.
 */
@Singleton
public class ClaimService {

    private final ClaimRepository repository;
    private final DatabaseGuard database;

    ClaimService(ClaimRepository repository, DatabaseGuard database) {
        this.repository = repository;
        this.database = database;
    }

    public Uni<ClaimOutcome> claim(long perkId, long userId, Optional<String> idempotencyKey) {
        String key = idempotencyKey.orElse(null);
        Uni<ClaimOutcome> claimed = key == null
                // Without a key a lost reply cannot be told from a refusal: resent only if it never reached the server.
                ? database.write(() -> take(perkId, userId, null))
                // With a key, an attempt first looks for the claim an earlier one committed: re-running it is safe.
                : database.idempotentWrite(() -> repository.findByKey(userId, key).flatMap(existing -> existing
                        .map(claim -> Uni.createFrom().item(replay(claim, perkId)))
                        .orElseGet(() -> take(perkId, userId, key))));
        // A concurrent request won the unique key; its transaction is the one that counts.
        return claimed.onFailure(failure -> UniqueViolation.constraint(failure).isPresent())
                .recoverWithUni(() -> lostRace(perkId, userId, key));
    }

    public Uni<List<Claim>> listFor(long userId) {
        return database.read(() -> repository.listByUser(userId));
    }

    private Uni<ClaimOutcome> take(long perkId, long userId, String key) {
        return repository.take(perkId, userId, key).flatMap(created -> created
                .map(claim -> Uni.createFrom().item(new ClaimOutcome(claim, false)))
                .orElseGet(() -> refuse(perkId, userId)));
    }

    /** With the same key the winner's claim is ours to replay; otherwise it is a duplicate. */
    private Uni<ClaimOutcome> lostRace(long perkId, long userId, String key) {
        if (key == null) {
            return Uni.createFrom().failure(ProblemType.ALREADY_CLAIMED.exception());
        }
        return database.read(() -> repository.findByKey(userId, key)).map(existing -> existing
                .map(claim -> replay(claim, perkId))
                .orElseThrow(ProblemType.ALREADY_CLAIMED::exception));
    }

    private Uni<ClaimOutcome> refuse(long perkId, long userId) {
        return repository.whyNot(perkId, userId).map(refusal -> {
            if (refusal.isEmpty() || !refusal.get().perkVisible()) {
                throw ProblemType.notFound("Perk " + perkId);
            }
            if (!refusal.get().userActive()) {
                throw ProblemType.ACCOUNT_DEACTIVATED.exception();
            }
            if (refusal.get().alreadyClaimed()) {
                throw ProblemType.ALREADY_CLAIMED.exception();
            }
            throw ProblemType.SOLD_OUT.exception("Perk " + perkId + " is sold out.");
        });
    }

    private static ClaimOutcome replay(Claim claim, long perkId) {
        if (claim.getPerkId() != perkId) {
            throw ProblemType.IDEMPOTENCY_KEY_REUSED.exception(
                    "This Idempotency-Key was already used for another perk (" + claim.getPerkId() + ").");
        }
        return new ClaimOutcome(claim, true);
    }

    /** The claim, and whether it was made by an earlier request with the same key. */
    public record ClaimOutcome(Claim claim, boolean replayed) {
    }
}
