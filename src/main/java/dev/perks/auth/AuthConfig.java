package dev.perks.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Accounts and tokens: token lifetime, hashing cost, login throttling, the optional bootstrap admin. */
@ConfigMapping(prefix = "perks.auth")
public interface AuthConfig {

    /** {@code iss} of the tokens this service issues and accepts (also {@code mp.jwt.verify.issuer}). */
    @WithDefault("perks-service")
    String issuer();

    @WithDefault("15m")
    Duration tokenLifetime();

    /** bcrypt cost factor: each +1 doubles the work. 11 ≈ 0.1–0.2 s per hash on one core here. */
    @WithDefault("11")
    int bcryptCost();

    Throttle throttle();

    BootstrapAdmin bootstrapAdmin();

    /**
     * Sign-in attempts counted in Redis per email and per client address, sign-ups per client
     * address, each over a fixed window that starts with the first attempt.
     */
    interface Throttle {

        @WithDefault("5")
        int maxFailuresPerEmail();

        /** Higher than per email: a whole office can sit behind one NAT address. */
        @WithDefault("100")
        int maxFailuresPerAddress();

        @WithDefault("15m")
        Duration window();

        /** Accounts one client address may create per registration window. */
        @WithDefault("20")
        int maxRegistrationsPerAddress();

        @WithDefault("1h")
        Duration registrationWindow();

        /**
         * Redis gets this long per command before throttling fails open for that login. Long enough
         * for a burst to queue on a cold client; a Redis the probe knows is down costs nothing.
         */
        @WithDefault("1s")
        Duration redisTimeout();

        @WithDefault("perks:login-failures:")
        String keyPrefix();
    }

    /** {@code ADMIN_EMAIL} / {@code ADMIN_PASSWORD}: created once after migrations if no user has that email. */
    interface BootstrapAdmin {

        Optional<String> email();

        Optional<String> password();
    }
}
