package dev.perks.error;

import java.time.Duration;

/**
 * A dependency the request needs is unavailable: answered as 503 problem+json with
 * {@code Retry-After}. {@code reason} is the readiness reason (e.g. {@code unreachable}) or
 * {@code schema-pending}, {@code overloaded}, {@code circuit-open}.
 */
public class ServiceUnavailableException extends RuntimeException {

    /** Probes re-check every few hundred ms while a dependency is down; 1 s is the smallest header value. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final String reason;
    private final Duration retryAfter;

    public ServiceUnavailableException(String reason, String detail, Duration retryAfter) {
        super(detail, null, false, false); // expected under outage: no stack trace to fill or log
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public String reason() {
        return reason;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
