package dev.perks.user;

import dev.perks.api.Validation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code PATCH /api/users/{id}}: only the fields present change. */
@Schema(description = "Fields to change; absent fields are left as they are.")
public record UserUpdate(Role role, Boolean active) {

    public UserUpdate validate() {
        new Validation().check(!isEmpty(), "body", "give at least one of role, active").orThrow();
        return this;
    }

    public boolean isEmpty() {
        return role == null && active == null;
    }
}
