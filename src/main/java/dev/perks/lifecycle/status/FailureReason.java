package dev.perks.lifecycle.status;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a dependency is not usable, as readiness reports it.
 * The codes are part of the API (SPEC §1.4): operators alert on them. {@link FailureClassifier}
 * maps failures onto them.
 */
public enum FailureReason {
    OK("ok"),
    UNREACHABLE("unreachable"),
    TIMEOUT("timeout"),
    DNS("dns"),
    AUTH_FAILED("auth-failed"),
    DATABASE_MISSING("database-missing"),
    TOO_MANY_CONNECTIONS("too-many-connections"),
    STARTING_UP("starting-up"),
    TLS("tls"),
    UNKNOWN("unknown");

    private final String code;

    FailureReason(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}
