package dev.perks.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Errors the HTTP layer produces itself, before any resource runs, answered as problem+json like
 * every other error: a request target whose percent-encoding does not decode (the router fails
 * the request with a bare 400), a request target over {@link #MAX_REQUEST_TARGET_CHARS} (414) and
 * headers over {@link #MAX_HEADER_BYTES} (431).
 *
 * <p>The two size limits are enforced here rather than by the HTTP decoder, whose own 414/431 go
 * out with an empty body and cannot be customised through Quarkus: the decoder's limits
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set higher, so
 * only requests beyond those (64 KiB) or with an unreadable request line still get the decoder's
 * empty answer.
 */
@Singleton
public class HttpLayerProblems {

    public static final int MAX_REQUEST_TARGET_CHARS = 8 * 1024;
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    /** Right after the path check and the body-size check. */
    private static final int ORDER = StrictPaths.ORDER + 2;

    private final RouteProblem uriTooLong;
    private final RouteProblem headersTooLarge;
    private final Map<Integer, RouteProblem> byStatus;

    HttpLayerProblems(ObjectMapper json) {
        this.uriTooLong = RouteProblem.of(ProblemType.URI_TOO_LONG.problem(), json);
        this.headersTooLarge = RouteProblem.of(ProblemType.HEADERS_TOO_LARGE.problem(), json);
        this.byStatus = Map.of(
                400, RouteProblem.of(ProblemType.MALFORMED_REQUEST.problem(), json),
                404, RouteProblem.of(ProblemType.NOT_FOUND.problem(), json),
                405, RouteProblem.of(Problem.of(405, "method-not-allowed", "Method Not Allowed",
                        "This method is not allowed here."), json),
                414, uriTooLong,
                431, headersTooLarge);
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::checkSizes);
        router.route().order(ORDER).failureHandler(this::render);
        // A path or query whose percent-encoding does not decode fails route matching itself: the
        // router then skips every failure handler and answers through its error handler for the status.
        byStatus.forEach((status, problem) -> router.errorHandler(status, context -> {
            if (!context.response().headWritten()) {
                problem.send(context, false);
            }
        }));
    }

    private void checkSizes(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > MAX_REQUEST_TARGET_CHARS) {
            uriTooLong.send(context, true);
        } else if (headerBytes(request) > MAX_HEADER_BYTES) {
            headersTooLarge.send(context, true);
        } else {
            context.next();
        }
    }

    /**
     * A failure the router itself signalled with one of these 4xx statuses (an undecodable path or
     * query, say). The REST layer renders its own errors through the exception mappers; 5xx and
     * anything already answered go on to the next handler.
     */
    private void render(RoutingContext context) {
        RouteProblem problem = byStatus.get(context.statusCode());
        if (problem != null && !context.response().headWritten()) {
            problem.send(context, false);
        } else {
            context.next();
        }
    }

    private static long headerBytes(HttpServerRequest request) {
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
        }
        return bytes;
    }
}
