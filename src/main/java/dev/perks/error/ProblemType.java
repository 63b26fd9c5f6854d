package dev.perks.error;

import java.time.Duration;
import java.util.List;

/**
 * The catalogue of problems this API answers with: each type's status, slug (the end of its
 * {@code type} URI, which clients switch on) and title, with the detail used when the caller has
 * nothing more specific to say. Services raise them with {@link #exception()}; the mappers render
 * them as RFC 9457 {@code application/problem+json}.
 */
public enum ProblemType {
    VALIDATION(400, "validation", "Bad Request", "The request is not valid; see errors."),
    MALFORMED_JSON(400, "malformed-json", "Bad Request", "The request body is not valid JSON."),
    INVALID_PATH(400, "invalid-path", "Bad Request",
            "The path must not contain matrix parameters (;), encoded slashes or backslashes, or NUL."),
    MALFORMED_REQUEST(400, "malformed-request", "Bad Request",
            "The request could not be read: check the percent-encoding of the path and query."),
    UNAUTHORIZED(401, "unauthorized", "Unauthorized", "A valid bearer token is required."),
    INVALID_TOKEN(401, "unauthorized", "Unauthorized", "The bearer token is invalid or has expired."),
    INVALID_CREDENTIALS(401, "invalid-credentials", "Unauthorized", "The email or password is incorrect."),
    FORBIDDEN(403, "forbidden", "Forbidden", "Your role does not allow this."),
    ACCOUNT_DEACTIVATED(403, "account-deactivated", "Forbidden", "This account has been deactivated."),
    NOT_FOUND(404, "not-found", "Not Found", "No resource at this address."),
    EMAIL_TAKEN(409, "email-taken", "Conflict", "An account with this email already exists."),
    SELF_LOCKOUT(409, "self-lockout", "Conflict", "Admins cannot demote or deactivate themselves; ask another admin."),
    LAST_ADMIN(409, "last-admin", "Conflict",
            "This would leave no active admin; promote another account first."),
    ALREADY_CLAIMED(409, "already-claimed", "Conflict", "You have already claimed this perk."),
    SOLD_OUT(409, "sold-out", "Conflict", "This perk is sold out."),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Content Too Large", "The request body is too large."),
    URI_TOO_LONG(414, "uri-too-long", "URI Too Long", "The request target exceeds 8 KiB."),
    HEADERS_TOO_LARGE(431, "headers-too-large", "Request Header Fields Too Large", "The request headers exceed 16 KiB."),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "Unprocessable Content",
            "This Idempotency-Key was already used for another perk."),
    TOO_MANY_LOGIN_ATTEMPTS(429, "too-many-login-attempts", "Too Many Requests",
            "Too many sign-in attempts; try again later."),
    TOO_MANY_REGISTRATIONS(429, "too-many-registrations", "Too Many Requests",
            "Too many accounts were created from this address; try again later."),
    INTERNAL_ERROR(500, "internal-error", "Internal Server Error", "An unexpected error occurred."),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service Unavailable", "A dependency is unavailable.");

    private final int status;
    private final String slug;
    private final String title;
    private final String defaultDetail;

    ProblemType(int status, String slug, String title, String defaultDetail) {
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.defaultDetail = defaultDetail;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public Problem problem() {
        return problem(defaultDetail);
    }

    public Problem problem(String detail) {
        return Problem.of(status, slug, title, detail);
    }

    public ProblemException exception() {
        return new ProblemException(problem());
    }

    public ProblemException exception(String detail) {
        return new ProblemException(problem(detail));
    }

    /** With a {@code Retry-After} header (429). */
    public ProblemException exception(Duration retryAfter) {
        return new ProblemException(problem(), retryAfter);
    }

    /** 400 for one invalid field. */
    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    /** 400 listing every invalid field, so a client fixes them all in one round. */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(VALIDATION.problem().withErrors(errors));
    }

    /** 404 naming what was looked for, e.g. "Perk 5". */
    public static ProblemException notFound(String what) {
        return NOT_FOUND.exception(what + " was not found.");
    }
}
