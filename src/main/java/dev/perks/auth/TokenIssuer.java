package dev.perks.auth;

import dev.perks.user.User;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.Claims;

/**
 * Signs RS256 access tokens: {@code sub} = user id, {@code groups} = [role], {@code exp}, {@code jti}.
 * On a worker thread: signing is a private-key operation, and SmallRye JWT reads the key (a file,
 * when {@code JWT_PRIVATE_KEY} is a path) when it signs.
 */
@Singleton
public class TokenIssuer {

    private static final String TOKEN_TYPE = "Bearer";

    private final AuthConfig config;

    TokenIssuer(AuthConfig config) {
        this.config = config;
    }

    public Uni<AuthResponse> issue(User user) {
        return Uni.createFrom().item(() -> sign(user)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private AuthResponse sign(User user) {
        Instant now = Instant.now();
        String token = Jwt.issuer(config.issuer())
                .subject(Long.toString(user.getId()))
                .groups(Set.of(user.getRole().code()))
                .claim(Claims.jti.name(), UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(config.tokenLifetime()))
                .sign();
        return new AuthResponse(token, TOKEN_TYPE, config.tokenLifetime().toSeconds(), user);
    }
}
