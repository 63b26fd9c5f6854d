package dev.perks.perk;

import dev.perks.api.Validation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/perks}. The title loses surrounding whitespace before it is checked; description defaults to empty. */
public record NewPerk(
        @Schema(required = true, minLength = 1, maxLength = 120, description = "Trimmed") String title,
        @Schema(maxLength = 2000, defaultValue = "") String description,
        @Schema(required = true, minimum = "0", maximum = "1000000") Integer stock) {

    static final int MAX_TITLE = 120;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_STOCK = 1_000_000;

    public NewPerk {
        title = title == null ? null : title.strip();
        description = description == null ? "" : description;
    }

    public NewPerk validate() {
        new Validation()
                .required("title", title).length("title", title, 1, MAX_TITLE).noControlCharacters("title", title)
                .length("description", description, 0, MAX_DESCRIPTION).onlyLineBreakControls("description", description)
                .required("stock", stock).range("stock", stock, 0, MAX_STOCK)
                .orThrow();
        return this;
    }
}
