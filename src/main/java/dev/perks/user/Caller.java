package dev.perks.user;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: the user id from the verified token's {@code sub}, and the role the users table
 * holds for that id now (the identity is rebuilt from the database on every authenticated request,
 * see {@code AccountAuthority}); the token's own {@code groups} claim is never trusted for authority.
 */
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
