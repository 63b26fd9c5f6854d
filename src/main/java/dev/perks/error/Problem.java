package dev.perks.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** An RFC 9457 problem detail: every error this API returns has this shape ({@link ProblemType} lists them). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection // serialised inside Response objects, which native-image analysis cannot see through
public record Problem(String type, String title, int status, String detail, String reason, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://perks.dev/problems/";

    /** Prefer {@link ProblemType}; this is for statuses the framework decides (405, 406, 415…). */
    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null, null);
    }

    public Problem withReason(String newReason) {
        return new Problem(type, title, status, detail, newReason, errors);
    }

    public Problem withErrors(List<FieldError> newErrors) {
        return new Problem(type, title, status, detail, reason, newErrors);
    }

    /** One invalid field of a request. */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }
}
