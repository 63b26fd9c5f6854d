package dev.perks.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every failure family to RFC 9457 problem+json. Unexpected failures are logged with an id
 * and answered with that id only: no stack trace, SQL or configuration ever reaches a client.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response response = respond(e.problem());
        return e.retryAfter()
                .map(delay -> Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, seconds(delay)).build())
                .orElse(response);
    }

    @ServerExceptionMapper
    public Response unavailable(ServiceUnavailableException e) {
        Problem problem = ProblemType.SERVICE_UNAVAILABLE.problem(e.getMessage())
                .withReason(e.reason());
        return Response.status(503)
                .header(HttpHeaders.RETRY_AFTER, seconds(e.retryAfter()))
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        if (status == 400) {
            // Every parameter is read as text and parsed by our code, so a framework 400 means the
            // body could not be read (truncated JSON, an empty body, a broken encoding).
            return respond(ProblemType.MALFORMED_JSON.problem());
        }
        String detail = switch (status) {
            case 404 -> "No resource at this address.";
            case 405 -> "This method is not allowed here.";
            case 415 -> "Send the body as application/json.";
            case 406 -> "This resource answers application/json only.";
            default -> title + ".";
        };
        Response.ResponseBuilder builder = Response.fromResponse(respond(Problem.of(status, slug(title), title, detail)));
        if (e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            builder.header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        return builder.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        String id = UUID.randomUUID().toString();
        // Not LOG.error(e, ...): a driver's or parser's message may quote a secret, so it is redacted first.
        LOG.errorf("Unexpected failure %s: %s", id, Redaction.stackTrace(e));
        return respond(ProblemType.INTERNAL_ERROR.problem("An unexpected error occurred (id " + id + ")."));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** Whole seconds, rounded up: {@code Retry-After: 0} would invite an immediate retry storm. */
    private static long seconds(java.time.Duration delay) {
        return Math.max(1, (delay.toMillis() + 999) / 1000);
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
