package dev.perks.perk;

import java.time.OffsetDateTime;

/** A perk of the catalogue as the API shows it. */
public record Perk(long id, String title, String description, int stock, boolean active, OffsetDateTime createdAt) {
}
