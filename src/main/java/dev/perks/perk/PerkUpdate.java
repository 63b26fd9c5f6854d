package dev.perks.perk;

import dev.perks.api.Validation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code PATCH /api/perks/{id}}: only the fields present change. */
@Schema(description = "Fields to change; absent fields are left as they are.")
public record PerkUpdate(
        @Schema(minLength = 1, maxLength = 120, description = "Trimmed") String title,
        @Schema(maxLength = 2000) String description,
        @Schema(minimum = "0", maximum = "1000000") Integer stock,
        Boolean active) {

    public PerkUpdate {
        title = title == null ? null : title.strip();
    }

    public PerkUpdate validate() {
        Validation validation = new Validation()
                .length("title", title, 1, NewPerk.MAX_TITLE).noControlCharacters("title", title)
                .length("description", description, 0, NewPerk.MAX_DESCRIPTION)
                .onlyLineBreakControls("description", description)
                .range("stock", stock, 0, NewPerk.MAX_STOCK);
        validation.check(!isEmpty(), "body", "give at least one of title, description, stock, active").orThrow();
        return this;
    }

    public boolean isEmpty() {
        return title == null && description == null && stock == null && active == null;
    }
}
