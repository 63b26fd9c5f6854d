package dev.perks.auth;

import dev.perks.error.Problem;
import dev.perks.error.ProblemException;
import dev.perks.lifecycle.guard.DatabaseGuard;
import dev.perks.lifecycle.UniqueViolation;
import dev.perks.user.Role;
import dev.perks.user.UserRepository;
import dev.perks.user.UserService;
import dev.perks.user.UserRepository.Credentials;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Sign-up and sign-in: hashing on worker threads, identical answers for unknown email and wrong password. */
@Singleton
public class AuthService {

    private final UserRepository users;
    private final DatabaseGuard database;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final LoginThrottle throttle;

    AuthService(UserRepository users, DatabaseGuard database, PasswordHasher hasher, TokenIssuer tokens,
            LoginThrottle throttle) {
        this.users = users;
        this.database = database;
        this.hasher = hasher;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    public Uni<AuthResponse> register(RegisterRequest request) {
        return hasher.hash(request.password())
                .flatMap(hash -> database.write(
                        () -> users.insert(request.email(), hash, request.displayName(), Role.EMPLOYEE)))
                .onFailure(UniqueViolation.on(UserRepository.EMAIL_UNIQUE_INDEX)).transform(e -> ProblemException
                        .conflict("email-taken", "An account with this email already exists."))
                .flatMap(tokens::issue);
    }

    public Uni<AuthResponse> login(LoginRequest request, String clientAddress) {
        return throttle.check(request.email(), clientAddress)
                .flatMap(ignored -> database.read(() -> users.findCredentials(request.email())))
                .flatMap(credentials -> verify(request, clientAddress, credentials));
    }

    private Uni<AuthResponse> verify(LoginRequest request, String clientAddress, Optional<Credentials> credentials) {
        String hash = credentials.map(Credentials::passwordHash).orElse(null);
        return hasher.matches(request.password(), hash).flatMap(matches -> {
            if (!matches) {
                return throttle.recordFailure(request.email(), clientAddress).map(ignored -> {
                    throw new ProblemException(Problem.of(401, "invalid-credentials", "Unauthorized",
                            "The email or password is incorrect."));
                });
            }
            Credentials found = credentials.orElseThrow();
            if (!found.user().active()) {
                // Only said to someone who knows the password: it reveals nothing to a guesser.
                throw UserService.deactivated();
            }
            return throttle.reset(request.email()).flatMap(ignored -> tokens.issue(found.user()));
        });
    }
}
