package dev.perks.claim;

import dev.perks.error.ProblemType;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The optional {@code Idempotency-Key} header: 1–255 printable ASCII characters, not all spaces. */
final class IdempotencyKey {

    static final String HEADER = "Idempotency-Key";
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E]{1,255}");

    private IdempotencyKey() {
    }

    /** {@code values}: every value of the header as received (null or empty when it was not sent). */
    static Optional<String> parse(List<String> values) {
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        String raw = values.get(0);
        if (values.size() > 1 || raw == null || !PRINTABLE.matcher(raw).matches() || raw.isBlank()) {
            throw ProblemType.invalid(HEADER, "must be 1 to 255 printable ASCII characters");
        }
        return Optional.of(raw);
    }
}
