package dev.perks.claim;

import dev.perks.user.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/users/me/claims")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Claims")
public class MyClaimsResource {

    private final ClaimService claims;
    private final SecurityIdentity identity;

    MyClaimsResource(ClaimService claims, SecurityIdentity identity) {
        this.claims = claims;
        this.identity = identity;
    }

    @GET
    @Authenticated
    @Operation(summary = "Your claims, oldest first")
    @APIResponse(responseCode = "200", description = "Every claim of the signed-in user")
    public Uni<List<Claim>> mine() {
        return claims.listFor(Caller.id(identity));
    }
}
