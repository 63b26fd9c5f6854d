package dev.perks.auth;

import dev.perks.error.Problem;
import dev.perks.error.ProblemException;
import dev.perks.lifecycle.status.RedisStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ExpireArgs;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Counts failed logins in Redis per email and per client address over a window; over the limit,
 * login answers 429 with {@code Retry-After} until the window ends.
 *
 * <p>Redis is a soft dependency: when it is down or slow, throttling fails open (logins go on
 * unthrottled), the first such login of an outage logs one warning, and every such login counts
 * in {@code perks_login_throttle_bypassed_total}. Emails are hashed in key names, so Redis never
 * holds an address.
 */
@Singleton
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);

    private final ReactiveValueCommands<String, Long> counters;
    private final ReactiveKeyCommands<String> keys;
    private final RedisStatus redis;
    private final AuthConfig.Throttle config;
    private final Counter bypassed;
    private final AtomicBoolean failingOpen = new AtomicBoolean();

    LoginThrottle(ReactiveRedisDataSource redisDataSource, RedisStatus redis, AuthConfig config, MeterRegistry registry) {
        this.counters = redisDataSource.value(Long.class);
        this.keys = redisDataSource.key();
        this.redis = redis;
        this.config = config.throttle();
        this.bypassed = Counter.builder("perks.login.throttle.bypassed")
                .description("Logins not throttled because Redis was unavailable (throttling fails open)")
                .register(registry);
    }

    /** Fails with 429 while the email or the address is over its limit. */
    public Uni<Void> check(String email, String address) {
        String emailKey = emailKey(email);
        String addressKey = addressKey(address);
        return guarded(Command.CHECK, counters.mget(emailKey, addressKey).flatMap(counts -> {
            String exceeded = over(counts, emailKey, config.maxFailuresPerEmail()) ? emailKey
                    : over(counts, addressKey, config.maxFailuresPerAddress()) ? addressKey : null;
            if (exceeded == null) {
                return Uni.createFrom().voidItem();
            }
            return keys.pttl(exceeded).map(ttlMillis -> {
                Duration retryAfter = ttlMillis > 0 ? Duration.ofMillis(ttlMillis) : config.window();
                throw new ProblemException(Problem.of(429, "too-many-login-attempts", "Too Many Requests",
                        "Too many failed sign-ins; try again later."), retryAfter);
            });
        }));
    }

    public Uni<Void> recordFailure(String email, String address) {
        return guarded(Command.UPDATE, Uni.combine().all().unis(increment(emailKey(email)), increment(addressKey(address)))
                .discardItems());
    }

    /** A successful login clears its email's count; the address count stays (it limits guessing across accounts). */
    public Uni<Void> reset(String email) {
        return guarded(Command.UPDATE, keys.del(emailKey(email)).replaceWithVoid());
    }

    private Uni<Void> increment(String key) {
        // EXPIRE NX only sets a window on a fresh counter; if it were ever lost, the next failure sets it.
        return counters.incr(key).flatMap(count -> keys.expire(key, config.window(), new ExpireArgs().nx()))
                .replaceWithVoid();
    }

    /** The check decides whether a login is throttled, so only it counts a bypassed login. */
    private enum Command { CHECK, UPDATE }

    private Uni<Void> guarded(Command kind, Uni<Void> command) {
        if (redisKnownDown()) {
            failOpen(kind, null);
            return Uni.createFrom().voidItem();
        }
        return command
                .ifNoItem().after(config.redisTimeout()).fail()
                .onItem().invoke(this::redisAnswered)
                .onFailure(failure -> !(failure instanceof ProblemException)).recoverWithItem(failure -> {
                    redis.reportFailure(failure);
                    failOpen(kind, failure);
                    return null;
                });
    }

    private boolean redisKnownDown() {
        // Before the first probe the state is unknown: try Redis rather than assume it is down.
        return !redis.current().available() && redis.current().attempts() > 0;
    }

    private void redisAnswered() {
        if (failingOpen.compareAndSet(true, false)) {
            LOG.info("Login throttling is on again: Redis answers");
        }
    }

    private void failOpen(Command kind, Throwable failure) {
        if (kind == Command.CHECK) {
            bypassed.increment();
        }
        if (failingOpen.compareAndSet(false, true)) {
            LOG.warnf("Redis unavailable (%s): login throttling is off until it answers again",
                    failure == null ? redis.current().reason().code() : failure.getClass().getSimpleName());
        }
    }

    private static boolean over(Map<String, Long> counts, String key, int limit) {
        Long count = counts.get(key);
        return count != null && count >= limit;
    }

    private String emailKey(String email) {
        return config.keyPrefix() + "email:" + sha256(email.toLowerCase(Locale.ROOT));
    }

    private String addressKey(String address) {
        return config.keyPrefix() + "address:" + address;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
