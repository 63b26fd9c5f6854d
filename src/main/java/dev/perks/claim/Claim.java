package dev.perks.claim;

import java.time.OffsetDateTime;

/** One employee's claim on one perk. */
public record Claim(long id, long perkId, long userId, OffsetDateTime claimedAt) {
}
