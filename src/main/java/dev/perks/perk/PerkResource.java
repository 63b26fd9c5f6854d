package dev.perks.perk;

import dev.perks.error.ProblemType;
import dev.perks.api.Flags;
import dev.perks.api.Ids;
import dev.perks.api.Page;
import dev.perks.api.PageRequest;
import dev.perks.api.Validation;
import dev.perks.user.Caller;
import dev.perks.user.Role;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/perks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Perks", description = "The catalogue: public reads, admin writes")
public class PerkResource {

    private final PerkService perks;
    private final CurrentIdentityAssociation identity;

    PerkResource(PerkService perks, CurrentIdentityAssociation identity) {
        this.perks = perks;
        this.identity = identity;
    }

    @GET
    @PermitAll
    @Operation(summary = "List perks", description = "Active perks, ordered by id. Admins may add includeInactive=true.")
    @APIResponse(responseCode = "200", description = "One page of perks")
    @APIResponse(responseCode = "400", description = "Invalid page, size or includeInactive")
    @APIResponse(responseCode = "401", description = "includeInactive=true without a valid token")
    @APIResponse(responseCode = "403", description = "includeInactive=true by a non-admin")
    public Uni<Page<Perk>> list(@RestQuery @Parameter(description = "Zero-based page, default 0") String page,
            @RestQuery @Parameter(description = "1–100, default 20") String size,
            @RestQuery @Parameter(description = "Admins only: true to list inactive perks too") String includeInactive) {
        PageRequest request = PageRequest.parse(page, size);
        if (!Boolean.TRUE.equals(Flags.parse("includeInactive", includeInactive))) {
            return perks.list(request, false);
        }
        // The only public endpoint that looks at the token, and only when asked to.
        return identity.getDeferredIdentity().flatMap(caller -> {
            if (caller.isAnonymous()) {
                throw new UnauthorizedException();
            }
            if (!Caller.isAdmin(caller)) {
                throw new ForbiddenException();
            }
            return perks.list(request, true);
        });
    }

    @GET
    @Path("{id}")
    // Public without @PermitAll: the annotation binds security interceptors on the hottest path
    // although nothing is checked (no class-level rule, unannotated endpoints are not denied).
    @Operation(summary = "One active perk")
    @APIResponse(responseCode = "200", description = "The perk")
    @APIResponse(responseCode = "404", description = "No such perk, or it is inactive")
    public Uni<Perk> get(@RestPath String id) {
        return perks.get(parseId(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_GROUP)
    @Operation(summary = "Publish a perk (admin)")
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "URL of the new perk"))
    @APIResponse(responseCode = "400", description = "Invalid title (1–120), description (≤ 2000) or stock (0–1,000,000)")
    public Uni<RestResponse<Perk>> create(NewPerk perk) {
        NewPerk valid = Validation.present(perk).validate();
        return identity.getDeferredIdentity().flatMap(caller -> perks.create(Caller.id(caller), valid))
                .map(created -> RestResponse.ResponseBuilder
                        .<Perk>created(URI.create("/api/perks/" + created.getId())).entity(created).build());
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_GROUP)
    @Operation(summary = "Change a perk (admin)", description = "Also how a perk is deactivated or restocked.")
    @APIResponse(responseCode = "200", description = "The updated perk")
    @APIResponse(responseCode = "400", description = "Invalid field, unknown field or empty body")
    @APIResponse(responseCode = "404", description = "No such perk")
    public Uni<Perk> update(@RestPath String id, PerkUpdate update) {
        long perkId = parseId(id);
        PerkUpdate valid = Validation.present(update).validate();
        return identity.getDeferredIdentity().flatMap(caller -> perks.update(Caller.id(caller), perkId, valid));
    }

    static long parseId(String id) {
        return Ids.parse(id).orElseThrow(() -> ProblemType.notFound("The perk"));
    }
}
