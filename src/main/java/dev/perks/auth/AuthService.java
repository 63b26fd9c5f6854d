package dev.perks.auth;

import dev.perks.api.Mailbox;
import dev.perks.error.ProblemType;
import dev.perks.error.ServiceUnavailableException;
import dev.perks.error.UniqueViolation;
import dev.perks.lifecycle.guard.DatabaseGuard;
import dev.perks.user.Role;
import dev.perks.user.User;
import dev.perks.user.UserRepository;
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

    /** Counted per client address before any hashing; an attempt the database could not serve does not count. */
    public Uni<AuthResponse> register(RegisterRequest request, String clientAddress) {
        return throttle.countRegistration(clientAddress)
                .flatMap(ignored -> hasher.hash(request.password()))
                .flatMap(hash -> database.write(
                        () -> users.persist(new User(request.mailbox(), hash, request.displayName(), Role.EMPLOYEE))))
                .onFailure(AuthService::isEmailTaken).transform(e -> ProblemType.EMAIL_TAKEN.exception())
                .onFailure(ServiceUnavailableException.class).call(() -> throttle.registrationNotJudged(clientAddress))
                .flatMap(tokens::issue);
    }

    /**
     * The attempt is counted before the password is hashed, so a burst of guesses cannot outrun the
     * limit; unknown email and wrong password get the same answer after the same work.
     */
    public Uni<AuthResponse> login(LoginRequest request, String clientAddress) {
        Mailbox mailbox = request.mailbox();
        return throttle.countLogin(mailbox, clientAddress)
                .flatMap(ignored -> database.read(() -> users.findByMailbox(mailbox)))
                .onFailure(ServiceUnavailableException.class)
                .call(() -> throttle.loginNotJudged(mailbox, clientAddress))
                .flatMap(credentials -> verify(request, mailbox, clientAddress, credentials));
    }

    private Uni<AuthResponse> verify(LoginRequest request, Mailbox mailbox, String clientAddress, Optional<User> account) {
        String hash = account.map(User::getPasswordHash).orElse(null);
        return hasher.matches(request.password(), hash).flatMap(matches -> {
            if (!matches) {
                throw ProblemType.INVALID_CREDENTIALS.exception();
            }
            User user = account.orElseThrow();
            if (!user.isActive()) {
                // Only said to someone who knows the password: it reveals nothing to a guesser.
                throw ProblemType.ACCOUNT_DEACTIVATED.exception();
            }
            return throttle.loginSucceeded(mailbox, clientAddress).flatMap(ignored -> tokens.issue(user));
        });
    }

    private static boolean isEmailTaken(Throwable failure) {
        return UniqueViolation.constraint(failure).filter(UserRepository.EMAIL_UNIQUE_INDEX::equals).isPresent();
    }
}
