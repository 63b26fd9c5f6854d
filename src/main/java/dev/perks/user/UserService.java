package dev.perks.user;

import dev.perks.api.Page;
import dev.perks.api.PageRequest;
import dev.perks.error.ProblemType;
import dev.perks.lifecycle.guard.DatabaseGuard;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/** The rules of accounts: who may see and change whom. */
@Singleton
public class UserService {

    private final UserRepository repository;
    private final DatabaseGuard database;

    UserService(UserRepository repository, DatabaseGuard database) {
        this.repository = repository;
        this.database = database;
    }

    public Uni<User> get(long id) {
        return database.read(() -> repository.findOptional(id))
                .map(user -> user.orElseThrow(() -> ProblemType.notFound("User " + id)));
    }

    public Uni<Page<User>> list(PageRequest request, Boolean active) {
        return database.read(() -> Page.read(request, repository.page(active, request.page(), request.size()),
                () -> repository.count(active)));
    }

    /**
     * An admin changes another account. Changing one's own role or deactivating oneself is refused.
     * Resent only if it never reached the server: replayed after a lost reply, it could undo another
     * admin's change made in between.
     *
     * <p>Decided in the writing transaction, under row locks: every active admin's row is locked (in
     * id order), so the caller's rights and the number of admins left are both read as they are at
     * commit. Removing the last active admin answers 409 {@code last-admin}: when two admins demote
     * each other at the same instant, the second transaction waits for the first, then finds its
     * target is the only admin left. A caller demoted or deactivated before this transaction gets 403.
     */
    public Uni<User> update(long actingUserId, long id, UserUpdate update) {
        if (actingUserId == id && (update.role() == Role.EMPLOYEE || Boolean.FALSE.equals(update.active()))) {
            throw ProblemType.SELF_LOCKOUT.exception();
        }
        return database.write(() -> repository.lockActiveAdmins().flatMap(admins -> repository.findForUpdate(id)
                .map(found -> {
                    boolean removesAnAdmin = found.filter(user -> user.isAdmin() && !user.staysAdminAfter(update)).isPresent();
                    if (removesAnAdmin && admins.stream().allMatch(admin -> admin == id)) {
                        throw ProblemType.LAST_ADMIN.exception();
                    }
                    if (!admins.contains(actingUserId)) {
                        throw ProblemType.FORBIDDEN.exception();
                    }
                    User user = found.orElseThrow(() -> ProblemType.notFound("User " + id));
                    user.apply(update);
                    return user;
                })));
    }
}
