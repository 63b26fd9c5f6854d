package dev.perks.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/**
 * Bodies over {@code quarkus.http.limits.max-body-size} (64 KiB) get 413 as problem+json like every
 * other error. Vert.x would answer an empty 413; this route runs first for a declared
 * {@code Content-Length}, and a failure handler catches the chunked case the body handler stops.
 * The connection is closed because the unread body is still on it.
 */
@Singleton
public class OversizedBodyHandler {

    private static final int FIRST = Integer.MIN_VALUE;

    private final long maxBodyBytes;
    private final byte[] body;

    OversizedBodyHandler(Config config, ObjectMapper json) throws Exception {
        this.maxBodyBytes = config.getValue("quarkus.http.limits.max-body-size", MemorySize.class).asLongValue();
        this.body = json.writeValueAsBytes(Problem.of(413, "payload-too-large", "Content Too Large",
                "The request body exceeds " + maxBodyBytes / 1024 + " KiB."));
    }

    void install(@Observes Router router) {
        router.route().order(FIRST).handler(this::checkDeclaredLength);
        router.route().order(FIRST).failureHandler(context -> {
            if (context.statusCode() == 413) {
                reject(context);
            } else {
                context.next();
            }
        });
    }

    private void checkDeclaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && isOver(length)) {
            reject(context);
        } else {
            context.next();
        }
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x itself rejects a malformed Content-Length
        }
    }

    private void reject(RoutingContext context) {
        if (context.response().headWritten()) {
            return;
        }
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }
}
