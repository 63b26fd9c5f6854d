package dev.perks.claim;

import dev.perks.error.ProblemType;
import dev.perks.api.Ids;
import dev.perks.user.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/perks/{id}/claims")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Claims", description = "Employees claim perks")
public class ClaimResource {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final ClaimService claims;
    private final SecurityIdentity identity;

    ClaimResource(ClaimService claims, SecurityIdentity identity) {
        this.claims = claims;
        this.identity = identity;
    }

    @POST
    @Authenticated
    @Operation(summary = "Claim a perk", description = "Takes one unit of stock atomically. Send an Idempotency-Key to make"
            + " retries safe: the same key by the same user returns the original claim.")
    @APIResponse(responseCode = "201", description = "Claimed (or the original claim, replayed for the same key)",
            headers = @Header(name = REPLAYED_HEADER, description = "true when this is a replay of an earlier claim"))
    @APIResponse(responseCode = "400", description = "Invalid Idempotency-Key")
    @APIResponse(responseCode = "403", description = "The account is deactivated")
    @APIResponse(responseCode = "404", description = "No such perk, or it is inactive")
    @APIResponse(responseCode = "409", description = "type .../already-claimed or .../sold-out")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for another perk")
    @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = "Optional; 1–255 printable ASCII characters")
    public Uni<RestResponse<Claim>> claim(@RestPath String id, HttpHeaders headers) {
        long perkId = Ids.parse(id).orElseThrow(() -> ProblemType.notFound("The perk"));
        // Read raw: a header sent empty (or only spaces) is a client bug to report, not "no key".
        return claims.claim(perkId, Caller.id(identity), IdempotencyKey.parse(headers.getRequestHeader(IdempotencyKey.HEADER)))
                .map(outcome -> RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, outcome.claim())
                        .header(REPLAYED_HEADER, outcome.replayed())
                        .build());
    }
}
