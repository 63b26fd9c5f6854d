package dev.perks.api;

import dev.perks.error.ProblemType;

/** Boolean query parameters accept exactly {@code true} or {@code false}: {@code ?active=yes} is a 400, not a guess. */
public final class Flags {

    private Flags() {
    }

    /** Null when the parameter is absent. */
    public static Boolean parse(String field, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return switch (raw) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemType.invalid(field, "must be true or false");
        };
    }
}
