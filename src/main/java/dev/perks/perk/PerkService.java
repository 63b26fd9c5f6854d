package dev.perks.perk;

import dev.perks.api.Page;
import dev.perks.api.PageRequest;
import dev.perks.error.ProblemType;
import dev.perks.lifecycle.guard.DatabaseGuard;
import dev.perks.user.AdminRights;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/** The catalogue's rules: who sees what, and how it changes. */
@Singleton
public class PerkService {

    private final PerkRepository repository;
    private final DatabaseGuard database;
    private final AdminRights adminRights;

    PerkService(PerkRepository repository, DatabaseGuard database, AdminRights adminRights) {
        this.repository = repository;
        this.database = database;
        this.adminRights = adminRights;
    }

    /** The public hot path: an active perk, or 404 (an inactive perk is not there for the public). */
    public Uni<Perk> get(long id) {
        return database.readOnPool(() -> repository.findActive(id))
                .map(perk -> perk.orElseThrow(() -> ProblemType.notFound("Perk " + id)));
    }

    /** Admin only: the caller's rights are confirmed again in the writing transaction. */
    public Uni<Perk> create(long callerId, NewPerk perk) {
        return database.write(() -> adminRights.confirm(callerId).flatMap(ignored -> repository.persist(new Perk(perk))));
    }

    /**
     * Not idempotent: an absolute stock resent after a lost reply would give back a unit a claim
     * took in between, so it is resent only if it never reached the server.
     */
    public Uni<Perk> update(long callerId, long id, PerkUpdate update) {
        return database.write(() -> adminRights.confirm(callerId).flatMap(ignored -> repository.findOptional(id))
                .map(found -> {
                    Perk perk = found.orElseThrow(() -> ProblemType.notFound("Perk " + id));
                    perk.apply(update);
                    return perk;
                }));
    }

    public Uni<Page<Perk>> list(PageRequest request, boolean includeInactive) {
        return database.read(() -> Page.read(request, repository.page(includeInactive, request.page(), request.size()),
                () -> repository.count(includeInactive)));
    }
}
