package dev.perks.perk;

import dev.perks.api.Ids;
import dev.perks.api.Page;
import dev.perks.api.PageRequest;
import dev.perks.error.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/perks")
@Produces(MediaType.APPLICATION_JSON)
public class PerkResource {

    private final PerkService perks;

    PerkResource(PerkService perks) {
        this.perks = perks;
    }

    @GET
    public Uni<Page<Perk>> list(@RestQuery String page, @RestQuery String size) {
        return perks.list(PageRequest.parse(page, size), false);
    }

    @GET
    @Path("{id}")
    public Uni<Perk> get(@RestPath String id) {
        long perkId = Ids.parse(id).orElseThrow(() -> ProblemException.notFound("The perk"));
        return perks.get(perkId);
    }
}
