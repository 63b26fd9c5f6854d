package dev.perks.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A path means exactly what it says. Matrix parameters ({@code /api/perks;x=1/5}) are dropped by
 * JAX-RS matching and an encoded slash ({@code %2F}) or backslash can be decoded into a path
 * separator by one layer and not by another (a proxy, a cache, the router): either way a request
 * could be served as a different path than the one a filter in front of us saw. Such paths, and an
 * encoded NUL, are answered 400 {@code invalid-path} before any routing.
 */
@Singleton
public class StrictPaths {

    /** Before every other route but the request id, the body-size check included. */
    static final int ORDER = Integer.MIN_VALUE + 1;

    private final RouteProblem invalidPath;
    private final RouteProblem malformed;

    StrictPaths(ObjectMapper json) {
        this.invalidPath = RouteProblem.of(ProblemType.INVALID_PATH.problem(), json);
        this.malformed = RouteProblem.of(ProblemType.MALFORMED_REQUEST.problem(), json);
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        String target = context.request().uri();
        if (isAmbiguous(target)) {
            invalidPath.send(context, false);
        } else if (!isWellFormed(target)) {
            malformed.send(context, false);
        } else {
            context.next();
        }
    }

    /** One pass over the path, no copy: it runs for every request. */
    static boolean isAmbiguous(String requestTarget) {
        int end = requestTarget.indexOf('?');
        if (end < 0) {
            end = requestTarget.length();
        }
        for (int i = 0; i < end; i++) {
            char c = requestTarget.charAt(i);
            if (c == ';' || c == '\\') {
                return true;
            }
            if (c == '%' && i + 2 < end && isRefusedEncoding(requestTarget.charAt(i + 1), requestTarget.charAt(i + 2))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The check Quarkus' root handler makes before any route, which answers an empty 400 there: the
     * entry point turns that one off ({@code vertx.disableURIValidation}) so that it is made here.
     */
    static boolean isWellFormed(String requestTarget) {
        try {
            new URI(requestTarget);
            return true;
        } catch (URISyntaxException e) {
            return false; // an undecodable escape (%zz), a space, a character a URI cannot hold
        }
    }

    /** {@code %2F}, {@code %5C}, {@code %00}, either case. */
    private static boolean isRefusedEncoding(char first, char second) {
        return (first == '2' && (second == 'f' || second == 'F')) || (first == '5' && (second == 'c' || second == 'C'))
                || (first == '0' && second == '0');
    }
}
