package dev.perks.error;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A business rule said no: carries the exact problem to answer with (400, 404, 409, 422, 429…). */
public class ProblemException extends RuntimeException {

    private final Problem problem;
    private final Duration retryAfter;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    /** With {@code retryAfter}, the answer carries a {@code Retry-After} header (429). */
    public ProblemException(Problem problem, Duration retryAfter) {
        super(problem.detail(), null, false, false); // an expected outcome: no stack trace to fill
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "not-found", "Not Found", what + " was not found."));
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(Problem.of(409, slug, "Conflict", detail));
    }

    public static ProblemException forbidden(String slug, String detail) {
        return new ProblemException(Problem.of(403, slug, "Forbidden", detail));
    }

    /** 400 for one invalid field. */
    public static ProblemException validation(String field, String message) {
        return validation(List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException validation(List<Problem.FieldError> errors) {
        return new ProblemException(Problem.validation(errors));
    }
}
