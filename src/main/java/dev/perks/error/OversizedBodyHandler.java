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

    /** Right after the path check: a refused path never has its body read. */
    private static final int FIRST = StrictPaths.ORDER + 1;
    private static final java.util.Set<HttpMethod> MAY_HAVE_BODY = java.util.Set.of(HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE);

    private final long maxBodyBytes;
    private final RouteProblem tooLarge;
    private final BodyHandler chunkedBodies;

    OversizedBodyHandler(Config config, ObjectMapper json) {
        this.maxBodyBytes = config.getValue("quarkus.http.limits.max-body-size", MemorySize.class).asLongValue();
        this.tooLarge = RouteProblem.of(
                ProblemType.PAYLOAD_TOO_LARGE.problem("The request body exceeds " + maxBodyBytes / 1024 + " KiB."), json);
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
        tooLarge.send(context, true);
    }
}
