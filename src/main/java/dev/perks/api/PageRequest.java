package dev.perks.api;

import dev.perks.error.ProblemType;
import dev.perks.error.Problem;
import java.util.ArrayList;
import java.util.List;

/** Validated {@code page} and {@code size} query parameters. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    private static final int MAX_PAGE = 1_000_000;

    /** Parses raw query values so that {@code ?page=abc} is a clear 400, not a routing 404. */
    public static PageRequest parse(String page, String size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        int parsedPage = parse("page", page, 0, 0, MAX_PAGE, errors);
        int parsedSize = parse("size", size, DEFAULT_SIZE, 1, MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw ProblemType.invalid(errors);
        }
        return new PageRequest(parsedPage, parsedSize);
    }

    private static int parse(String field, String raw, int fallback, int min, int max, List<Problem.FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new Problem.FieldError(field, "must be an integer between " + min + " and " + max));
        return fallback;
    }
}
