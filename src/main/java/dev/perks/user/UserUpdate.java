package dev.perks.user;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code PATCH /api/users/{id}}: only the fields present change. */
@Schema(description = "Fields to change; absent fields are left as they are.")
public record UserUpdate(Role role, Boolean active) {

    public boolean isEmpty() {
        return role == null && active == null;
    }
}
