package dev.perks.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Every request has an id: the caller's {@code X-Request-Id} when it is a sane token, otherwise a
 * new random UUID. It is echoed in the response and put in the logging MDC as {@code requestId}, which
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

    /**
     * A random (version 4) UUID from the calling thread's generator: an id only has to be unique
     * enough to find a request's log lines, not unguessable, and {@code UUID.randomUUID()} draws from
     * one SecureRandom every event loop shares (measured on the read path: README, Performance).
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(high, low).toString();
    }

    private void tag(RoutingContext context) {
        String sent = context.request().getHeader(HEADER);
        String id = sent != null && SANE.matcher(sent).matches() ? sent : newId();
        MDC.put(MDC_KEY, id);
        context.response().putHeader(HEADER, id);
        context.next();
    }
}
