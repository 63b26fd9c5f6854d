package dev.perks.perk;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code PATCH /api/perks/{id}}: only the fields present change. */
@Schema(description = "Fields to change; absent fields are left as they are.")
public record PerkUpdate(
        @Size(min = 1, max = 120, message = "must be 1 to 120 characters") String title,
        @Size(max = 2000, message = "must be at most 2000 characters") String description,
        @Min(value = 0, message = "must be between 0 and 1000000")
        @Max(value = 1_000_000, message = "must be between 0 and 1000000") Integer stock,
        Boolean active) {

    public PerkUpdate {
        title = title == null ? null : title.trim();
    }

    public boolean isEmpty() {
        return title == null && description == null && stock == null && active == null;
    }
}
