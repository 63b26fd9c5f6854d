package dev.perks.perk;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/perks}. The title is trimmed before it is checked; description defaults to empty. */
public record NewPerk(
        @NotNull(message = "is required") @Size(min = 1, max = 120, message = "must be 1 to 120 characters") String title,
        @Size(max = 2000, message = "must be at most 2000 characters") String description,
        @NotNull(message = "is required") @Min(value = 0, message = "must be between 0 and 1000000")
        @Max(value = 1_000_000, message = "must be between 0 and 1000000") Integer stock) {

    public NewPerk {
        title = title == null ? null : title.trim();
        description = description == null ? "" : description;
    }
}
