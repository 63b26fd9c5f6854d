package dev.perks.perk;

import dev.perks.api.Page;
import dev.perks.api.PageRequest;
import dev.perks.error.ProblemType;
import dev.perks.lifecycle.guard.DatabaseGuard;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/** The catalogue's rules: who sees what, and how it changes. */
@Singleton
public class PerkService {

    private final PerkRepository repository;
    private final DatabaseGuard database;

    PerkService(PerkRepository repository, DatabaseGuard database) {
        this.repository = repository;
        this.database = database;
    }

    /** The public hot path: an active perk, or 404 (an inactive perk is not there for the public). */
    public Uni<Perk> get(long id) {
        return database.readOnPool(() -> repository.findActive(id))
                .map(perk -> perk.orElseThrow(() -> ProblemType.notFound("Perk " + id)));
    }

    public Uni<Perk> create(NewPerk perk) {
        return database.write(() -> repository.persist(new Perk(perk)));
    }

    /**
     * Not idempotent: an absolute stock resent after a lost reply would give back a unit a claim
     * took in between, so it is resent only if it never reached the server.
     */
    public Uni<Perk> update(long id, PerkUpdate update) {
        return database.write(() -> repository.findOptional(id).map(found -> {
            Perk perk = found.orElseThrow(() -> ProblemType.notFound("Perk " + id));
            perk.apply(update);
            return perk;
        }));
    }

    public Uni<Page<Perk>> list(PageRequest request, boolean includeInactive) {
        return database.read(() -> repository.page(includeInactive, request.page(), request.size())
                .flatMap(items -> repository.count(includeInactive)
                        .map(total -> new Page<>(items, request.page(), request.size(), total))));
    }
}
