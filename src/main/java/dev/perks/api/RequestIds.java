package dev.perks.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Every request has an id: the caller's {@code X-Request-Id} when it is a sane token, otherwise a
 * new UUID. It is echoed in the response and put in the logging MDC as {@code requestId}, which
 * Quarkus keeps on the request's own (duplicated) Vert.x context, so every log line written while
 * serving the request carries it, and no other request's line does.
 */
@Singleton
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Before every other route: even a refused path is answered with its id. */
    static final int ORDER = Integer.MIN_VALUE;
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::tag);
    }

    private void tag(RoutingContext context) {
        String sent = context.request().getHeader(HEADER);
        String id = sent != null && SANE.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
        MDC.put(MDC_KEY, id);
        context.response().putHeader(HEADER, id);
        context.next();
    }
}
