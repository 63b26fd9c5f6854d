package dev.perks.perk;

import dev.perks.error.ProblemType;
import dev.perks.api.Page;
import dev.perks.api.PageRequest;
import dev.perks.lifecycle.guard.DatabaseGuard;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/** The catalogue's rules: who sees what. */
@Singleton
public class PerkService {

    private final PerkRepository repository;
    private final DatabaseGuard database;

    PerkService(PerkRepository repository, DatabaseGuard database) {
        this.repository = repository;
        this.database = database;
    }

    public Uni<Perk> get(long id) {
        return database.read(() -> repository.findById(id, false))
                .map(perk -> perk.orElseThrow(() -> ProblemType.notFound("Perk " + id)));
    }

    public Uni<Perk> create(NewPerk perk) {
        return database.write(() -> repository.insert(perk));
    }

    public Uni<Perk> update(long id, PerkUpdate update) {
        // Not idempotent: an absolute stock resent after a lost reply would give back a unit a claim
        // took in between. Resent only if it never reached the server.
        return database.write(() -> repository.update(id, update))
                .map(perk -> perk.orElseThrow(() -> ProblemType.notFound("Perk " + id)));
    }

    public Uni<Page<Perk>> list(PageRequest request, boolean includeInactive) {
        return database.read(() -> repository.list(includeInactive, request.size(), request.offset())
                .flatMap(items -> repository.count(includeInactive)
                        .map(total -> new Page<>(items, request.page(), request.size(), total))));
    }
}
