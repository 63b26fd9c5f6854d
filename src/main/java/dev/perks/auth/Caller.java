package dev.perks.auth;

import dev.perks.user.Role;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, read from the verified token: {@code sub} is the user id, {@code groups} the role. */
public final class Caller {

    private Caller() {
    }

    public static long id(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new AuthenticationFailedException();
        }
        try {
            return Long.parseLong(token.getSubject());
        } catch (NumberFormatException e) {
            throw new AuthenticationFailedException(); // signed by us, so never; but never a 500 either
        }
    }

    public static boolean isAdmin(SecurityIdentity identity) {
        return !identity.isAnonymous() && identity.hasRole(Role.ADMIN_GROUP);
    }
}
