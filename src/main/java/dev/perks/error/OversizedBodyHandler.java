package dev.perks.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/**
 * Bodies over {@code quarkus.http.limits.max-body-size} (64 KiB) get 413 as problem+json like every
 * other error; the framework would answer an empty 413. This route runs first: a declared
 * {@code Content-Length} over the limit is refused before any byte is read, and a chunked body is
 * read here through a bounded {@link BodyHandler} (the REST layer then uses it as read), whose 413
 * the failure handler turns into a problem. The connection is closed: the unread rest of the body
 * is still on it.
 */
@Singleton
public class OversizedBodyHandler {

    private static final int FIRST = Integer.MIN_VALUE;
    private static final java.util.Set<HttpMethod> MAY_HAVE_BODY = java.util.Set.of(HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE);

    private final long maxBodyBytes;
    private final byte[] body;
    private final BodyHandler chunkedBodies;

    OversizedBodyHandler(Config config, ObjectMapper json) throws Exception {
        this.maxBodyBytes = config.getValue("quarkus.http.limits.max-body-size", MemorySize.class).asLongValue();
        this.body = json.writeValueAsBytes(Problem.of(413, "payload-too-large", "Content Too Large",
                "The request body exceeds " + maxBodyBytes / 1024 + " KiB."));
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBodyBytes).setHandleFileUploads(false);
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
        if (length != null) {
            if (isOver(length)) {
                reject(context);
            } else {
                context.next();
            }
        } else if (hasBodyOfUnknownLength(context)) {
            chunkedBodies.handle(context); // calls next() once read, or fails with 413
        } else {
            context.next();
        }
    }

    /**
     * Chunked HTTP/1.1, or an HTTP/2 stream (which never has Transfer-Encoding) on a method that
     * may carry a body. An HTTP/1.1 request with neither header has no body: it goes straight on.
     */
    private static boolean hasBodyOfUnknownLength(RoutingContext context) {
        if (context.request().version() == HttpVersion.HTTP_2) {
            return MAY_HAVE_BODY.contains(context.request().method());
        }
        return context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING);
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
