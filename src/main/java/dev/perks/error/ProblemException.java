package dev.perks.error;

import java.time.Duration;
import java.util.Optional;

/** A business rule said no: carries the exact problem to answer with (see {@link ProblemType}). */
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
}
