package dev.perks.lifecycle.status;

import java.time.Instant;

/**
 * What we last learnt about a dependency: why it is (not) usable, since when, and how many
 * attempts have failed since it last answered.
 */
public record DependencyState(FailureReason reason, Instant since, int attempts, String detail) {

    static DependencyState initial() {
        return new DependencyState(FailureReason.UNKNOWN, Instant.now(), 0, "not checked yet");
    }

    public boolean available() {
        return reason == FailureReason.OK;
    }

    /** Checked and found unavailable; before the first check nothing is known yet. */
    public boolean knownUnavailable() {
        return !available() && attempts > 0;
    }

    DependencyState succeeded() {
        return available() ? this : new DependencyState(FailureReason.OK, Instant.now(), 0, null);
    }

    DependencyState failed(FailureReason newReason, String newDetail) {
        Instant newSince = newReason == reason ? since : Instant.now();
        return new DependencyState(newReason, newSince, attempts + 1, newDetail);
    }
}
