package dev.perks.auth;

import dev.perks.api.Mailbox;
import dev.perks.error.ProblemException;
import dev.perks.error.ProblemType;
import dev.perks.lifecycle.status.FailureClassifier;
import dev.perks.lifecycle.status.RedisStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Counts sign-in attempts per email and per client address, and sign-ups per client address, in
 * Redis. Every attempt is counted <em>before</em> the password is hashed, by one Lua script that
 * increments each counter and gives it its window in the same atomic step, so N guesses sent at
 * once for one email get at most the limit of 401s and the rest 429 with {@code Retry-After}, and
 * no counter can live without an expiry. A successful sign-in forgives its email's count and gives
 * back its unit of the address count; an attempt the database could not serve (503) gives back both.
 *
 * <p>Redis is a soft dependency: when it is down or slow, throttling fails open (requests go on
 * unthrottled), the first such request of an outage logs one warning, and every one counts in
 * {@code perks_login_throttle_bypassed_total}. Only the probe, or a refused or reset connection,
 * marks Redis down for every request; a full client pool, a slow answer or any other failure fails
 * open for the one attempt it hit, so a burst cannot switch throttling off for everyone. Emails are
 * hashed in key names (by mailbox key), so Redis never holds an address.
 */
@Singleton
@Startup // its counters exist from the start, so a dashboard sees 0 rather than no series
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);

    /** KEYS: counters; ARGV[i]: window of KEYS[i] in ms. Returns count and remaining ms for each key. */
    private static final String COUNT = """
            local result = {}
            for i, key in ipairs(KEYS) do
              local count = redis.call('INCR', key)
              local ttl = redis.call('PTTL', key)
              if ttl < 0 then
                redis.call('PEXPIRE', key, ARGV[i])
                ttl = tonumber(ARGV[i])
              end
              result[2 * i - 1] = count
              result[2 * i] = ttl
            end
            return result""";

    /** Gives back one unit of each counter that still exists; ARGV[1] = '1' clears the first one instead. */
    private static final String GIVE_BACK = """
            for i, key in ipairs(KEYS) do
              if i == 1 and ARGV[1] == '1' then
                redis.call('DEL', key)
              elseif tonumber(redis.call('GET', key) or '0') > 0 then
                redis.call('DECR', key)
              end
            end
            return 0""";

    private final ReactiveRedisDataSource redisData;
    private final RedisStatus redis;
    private final AuthConfig.Throttle config;
    private final Counter loginsBypassed;
    private final Counter registrationsBypassed;
    private final AtomicBoolean failingOpen = new AtomicBoolean();

    LoginThrottle(ReactiveRedisDataSource redisData, RedisStatus redis, AuthConfig config, MeterRegistry registry) {
        this.redisData = redisData;
        this.redis = redis;
        this.config = config.throttle();
        this.loginsBypassed = Counter.builder("perks.login.throttle.bypassed")
                .description("Sign-ins not throttled because Redis was unavailable (throttling fails open)")
                .register(registry);
        this.registrationsBypassed = Counter.builder("perks.registration.throttle.bypassed")
                .description("Sign-ups not throttled because Redis was unavailable (throttling fails open)")
                .register(registry);
    }

    /** Counts a sign-in attempt; fails with 429 once the email or the address is over its limit. */
    public Uni<Void> countLogin(Mailbox email, String address) {
        return count(ProblemType.TOO_MANY_LOGIN_ATTEMPTS, loginsBypassed,
                new Limit(emailKey(email), config.maxFailuresPerEmail(), config.window()),
                new Limit(addressKey(address), config.maxFailuresPerAddress(), config.window()));
    }

    /** Counts a sign-up; fails with 429 once the address has created too many accounts in its window. */
    public Uni<Void> countRegistration(String address) {
        return count(ProblemType.TOO_MANY_REGISTRATIONS, registrationsBypassed, new Limit(registrationKey(address),
                config.maxRegistrationsPerAddress(), config.registrationWindow()));
    }

    /** The password was right: its email starts afresh, and the address gets its unit back. */
    public Uni<Void> loginSucceeded(Mailbox email, String address) {
        return guarded(null, giveBack(true, emailKey(email), addressKey(address)));
    }

    /** The attempt could not be judged (the database was unavailable): it does not count. */
    public Uni<Void> loginNotJudged(Mailbox email, String address) {
        return guarded(null, giveBack(false, emailKey(email), addressKey(address)));
    }

    public Uni<Void> registrationNotJudged(String address) {
        return guarded(null, giveBack(false, registrationKey(address)));
    }

    private record Limit(String key, int max, Duration window) {
    }

    private Uni<Void> count(ProblemType tooMany, Counter bypassed, Limit... limits) {
        String[] args = new String[2 + limits.length * 2];
        args[0] = COUNT;
        args[1] = Integer.toString(limits.length);
        for (int i = 0; i < limits.length; i++) {
            args[2 + i] = limits[i].key();
            args[2 + limits.length + i] = Long.toString(limits[i].window().toMillis());
        }
        return guarded(bypassed, redisData.execute("EVAL", args).map(counts -> {
            for (int i = 0; i < limits.length; i++) {
                if (counts.get(2 * i).toLong() > limits[i].max()) {
                    throw tooMany.exception(Duration.ofMillis(Math.max(1, counts.get(2 * i + 1).toLong())));
                }
            }
            return null;
        }));
    }

    private Uni<Response> giveBack(boolean clearFirst, String... keys) {
        String[] args = new String[3 + keys.length];
        args[0] = GIVE_BACK;
        args[1] = Integer.toString(keys.length);
        System.arraycopy(keys, 0, args, 2, keys.length);
        args[2 + keys.length] = clearFirst ? "1" : "0";
        return redisData.execute("EVAL", args);
    }

    /** {@code bypassed}: where a request this command would have throttled is counted; null when it decides nothing. */
    private Uni<Void> guarded(Counter bypassed, Uni<?> command) {
        if (redis.current().knownUnavailable()) {
            failOpen(bypassed, null);
            return Uni.createFrom().voidItem();
        }
        return command
                .ifNoItem().after(config.redisTimeout()).fail()
                .onItem().invoke(this::redisAnswered)
                .replaceWithVoid()
                .onFailure(failure -> !(failure instanceof ProblemException)).recoverWithItem(failure -> {
                    // Overload (a full pool or wait queue, an answer slower than our budget) is not an
                    // outage: turning Redis "known down" on it would let everyone's attempts through
                    // unthrottled until the next probe, so whoever fills the queue would switch the
                    // throttle off. Only a refused or reset connection is definitive; the probe, with
                    // its own budget, decides everything else.
                    if (isOutage(failure)) {
                        redis.reportFailure(failure);
                        failOpen(bypassed, failure);
                    } else {
                        failOpenOnce(bypassed, failure);
                    }
                    return null;
                });
    }

    private static boolean isOutage(Throwable failure) {
        return !FailureClassifier.isPoolOverload(failure)
                && (FailureClassifier.isConnectFailure(failure) || FailureClassifier.isClosedConnection(failure));
    }

    /** This attempt only goes unthrottled: counted, logged at debug (a burst must not flood the log). */
    private void failOpenOnce(Counter bypassed, Throwable failure) {
        if (bypassed != null) {
            bypassed.increment();
        }
        LOG.debugf("Redis could not count this attempt (%s): it goes unthrottled", failure.getClass().getSimpleName());
    }

    private void redisAnswered() {
        if (failingOpen.compareAndSet(true, false)) {
            LOG.info("Login throttling is on again: Redis answers");
        }
    }

    private void failOpen(Counter bypassed, Throwable failure) {
        if (bypassed != null) {
            bypassed.increment();
        }
        if (failingOpen.compareAndSet(false, true)) {
            LOG.warnf("Redis unavailable (%s): login throttling is off until it answers again",
                    failure == null ? redis.current().reason().code() : failure.getClass().getSimpleName());
        }
    }

    /** By mailbox key, so every spelling of one mailbox shares one window of guesses. */
    private String emailKey(Mailbox email) {
        return config.keyPrefix() + "email:" + HexFormat.of().formatHex(Sha256.of(email.key()));
    }

    private String addressKey(String address) {
        return config.keyPrefix() + "address:" + address;
    }

    private String registrationKey(String address) {
        return config.keyPrefix() + "register:" + address;
    }

}
