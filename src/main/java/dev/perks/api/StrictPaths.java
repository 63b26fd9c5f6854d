package dev.perks.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perks.error.ProblemType;
import dev.perks.error.RouteProblem;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Locale;

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
    public static final int ORDER = Integer.MIN_VALUE + 1;
    private static final String[] REFUSED_ENCODINGS = { "%2f", "%5c", "%00" };

    private final RouteProblem invalidPath;

    StrictPaths(ObjectMapper json) {
        this.invalidPath = RouteProblem.of(ProblemType.INVALID_PATH.problem(), json);
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        if (isAmbiguous(context.request().uri())) {
            invalidPath.send(context, false);
        } else {
            context.next();
        }
    }

    static boolean isAmbiguous(String requestTarget) {
        int query = requestTarget.indexOf('?');
        String path = (query < 0 ? requestTarget : requestTarget.substring(0, query)).toLowerCase(Locale.ROOT);
        if (path.indexOf(';') >= 0 || path.indexOf('\\') >= 0) {
            return true;
        }
        for (String encoding : REFUSED_ENCODINGS) {
            if (path.contains(encoding)) {
                return true;
            }
        }
        return false;
    }
}
