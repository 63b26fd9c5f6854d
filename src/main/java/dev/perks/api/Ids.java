package dev.perks.api;

import java.util.OptionalLong;

/** Path ids are positive 64-bit integers; anything else names no resource. */
public final class Ids {

    private Ids() {
    }

    public static OptionalLong parse(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 19) {
            return OptionalLong.empty();
        }
        try {
            long id = Long.parseLong(raw);
            return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
