package dev.perks.claim;

import dev.perks.error.ProblemType;
import dev.perks.error.ProblemException;
import dev.perks.lifecycle.guard.DatabaseGuard;
import dev.perks.lifecycle.UniqueViolation;
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
        if (idempotencyKey.isEmpty()) {
            // Without a key a lost reply cannot be told from a refusal, so the statement is
            // resent only if it never reached the server.
            return database.write(() -> attempt(perkId, userId, null));
        }
        // With a key, an attempt first looks for the claim an earlier one committed: re-running the
        // whole attempt after a dropped connection is safe.
        String key = idempotencyKey.get();
        return database.idempotentWrite(() -> repository.findByKey(userId, key).flatMap(existing -> existing
                .map(claim -> Uni.createFrom().item(replay(claim, perkId)))
                .orElseGet(() -> attempt(perkId, userId, key))));
    }

    public Uni<List<Claim>> listFor(long userId) {
        return database.read(() -> repository.listByUser(userId));
    }

    private Uni<ClaimOutcome> attempt(long perkId, long userId, String key) {
        return repository.claim(perkId, userId, key)
                .flatMap(created -> created
                        .map(claim -> Uni.createFrom().item(new ClaimOutcome(claim, false)))
                        .orElseGet(() -> refuse(perkId, userId)))
                .onFailure(failure -> UniqueViolation.constraintOf(failure) != null)
                .recoverWithUni(failure -> lostRace(perkId, userId, key));
    }

    /** A concurrent request won: with the same key it is our claim to replay; otherwise a duplicate. */
    private Uni<ClaimOutcome> lostRace(long perkId, long userId, String key) {
        if (key == null) {
            return Uni.createFrom().failure(alreadyClaimed());
        }
        return repository.findByKey(userId, key).map(existing -> existing.map(claim -> replay(claim, perkId))
                .orElseThrow(ClaimService::alreadyClaimed));
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
                throw alreadyClaimed();
            }
            throw ProblemType.SOLD_OUT.exception("Perk " + perkId + " is sold out.");
        });
    }

    private static ClaimOutcome replay(Claim claim, long perkId) {
        if (claim.perkId() != perkId) {
            throw ProblemType.IDEMPOTENCY_KEY_REUSED.exception(
                    "This Idempotency-Key was already used for another perk (" + claim.perkId() + ").");
        }
        return new ClaimOutcome(claim, true);
    }

    private static ProblemException alreadyClaimed() {
        return ProblemType.ALREADY_CLAIMED.exception();
    }

    /** The claim, and whether it was made by an earlier request with the same key. */
    public record ClaimOutcome(Claim claim, boolean replayed) {
    }
}
