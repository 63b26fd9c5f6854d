package dev.perks.user;

import dev.perks.error.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/**
 * Admin rights decided inside the transaction that uses them. {@code @RolesAllowed} reads the
 * caller's role before the write's transaction begins; an admin demoted or deactivated in between
 * would still complete the write. So every admin write first confirms, in its own transaction, that
 * the caller is still an active admin, and holds that row until commit: a demotion either committed
 * before (this write answers 403) or waits until this write has committed.
 */
@Singleton
public class AdminRights {

    private final UserRepository users;

    AdminRights(UserRepository users) {
        this.users = users;
    }

    /** Call first inside the write's transaction; fails with 403 when the caller is no longer an active admin. */
    public Uni<Void> confirm(long callerId) {
        return users.holdIfActiveAdmin(callerId).map(isAdmin -> {
            if (!isAdmin) {
                throw ProblemType.FORBIDDEN.exception();
            }
            return null;
        });
    }
}
