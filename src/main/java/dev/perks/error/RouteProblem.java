package dev.perks.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * A problem answered by a Vert.x route before the REST layer runs (oversized bodies, hostile
 * paths), rendered once at start-up so refusing a request costs no serialisation.
 */
public final class RouteProblem {

    private final int status;
    private final Buffer body;

    private RouteProblem(int status, Buffer body) {
        this.status = status;
        this.body = body;
    }

    public static RouteProblem of(Problem problem, ObjectMapper json) {
        try {
            return new RouteProblem(problem.status(), Buffer.buffer(json.writeValueAsBytes(problem)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem record always serialises", e);
        }
    }

    /** Answers the request; {@code close} also ends the connection (an unread body is still on it). */
    public void send(RoutingContext context, boolean close) {
        if (context.response().headWritten()) {
            return;
        }
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        context.response().end(body.copy());
    }
}
