package dev.perks.user;

import java.time.OffsetDateTime;

/** An account as the API shows it: never its password hash. */
public record User(long id, String email, String displayName, Role role, boolean active, OffsetDateTime createdAt) {
}
