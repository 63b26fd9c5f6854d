package dev.perks.user;

import dev.perks.error.ProblemType;
import dev.perks.lifecycle.guard.DatabaseGuard;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/**
 * Authority lives in the database, not in the token: on every request that needs an identity, the
 * caller's current role and {@code active} flag are read from the users table (one primary-key
 * read) and replace the token's {@code groups}. A demoted admin loses admin rights at once, a
 * deactivated account is refused (403 {@code account-deactivated}) on every endpoint that needs
 * authentication, and an account that no longer exists is unauthenticated, whatever tokens are
 * still in circulation. Public reads never get here: authentication is lazy.
 */
@Singleton
public class AccountAuthority implements SecurityIdentityAugmentor {

    private final UserRepository users;
    private final DatabaseGuard database;

    AccountAuthority(UserRepository users, DatabaseGuard database) {
        this.users = users;
        this.database = database;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(() -> Caller.id(identity))
                .flatMap(id -> database.read(() -> users.findOptional(id)))
                .map(found -> {
            User user = found.orElseThrow(AuthenticationFailedException::new);
            if (!user.isActive()) {
                throw ProblemType.ACCOUNT_DEACTIVATED.exception();
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(identity.getPrincipal())
                    .addCredentials(identity.getCredentials())
                    .addAttributes(identity.getAttributes())
                    .addRole(user.getRole().code())
                    .build();
        });
    }
}
