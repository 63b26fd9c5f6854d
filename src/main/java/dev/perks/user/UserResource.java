package dev.perks.user;

import dev.perks.error.ProblemType;
import dev.perks.api.Flags;
import dev.perks.api.Ids;
import dev.perks.api.Page;
import dev.perks.api.PageRequest;
import dev.perks.api.Validation;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users", description = "Accounts: yourself, and (admins) everyone")
public class UserResource {

    private final UserService users;
    private final SecurityIdentity identity;

    UserResource(UserService users, SecurityIdentity identity) {
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Path("me")
    @Authenticated
    @Operation(summary = "The signed-in account")
    @APIResponse(responseCode = "200", description = "Your account")
    public Uni<User> me() {
        return users.get(Caller.id(identity));
    }

    @GET
    @RolesAllowed(Role.ADMIN_GROUP)
    @Operation(summary = "List accounts (admin)", description = "Ordered by id; size at most 100.")
    @APIResponse(responseCode = "200", description = "One page of accounts")
    @APIResponse(responseCode = "400", description = "Invalid page, size or active")
    public Uni<Page<User>> list(@RestQuery @Parameter(description = "Zero-based page, default 0") String page,
            @RestQuery @Parameter(description = "1–100, default 20") String size,
            @RestQuery @Parameter(description = "true or false; absent lists everyone") String active) {
        return users.list(PageRequest.parse(page, size), Flags.parse("active", active));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_GROUP)
    @Operation(summary = "Change an account's role or active flag (admin)")
    @APIResponse(responseCode = "200", description = "The updated account")
    @APIResponse(responseCode = "400", description = "Unknown role, wrong type, unknown field or empty body")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "403", description = "The caller is no longer an active admin when the change is written")
    @APIResponse(responseCode = "409", description = "An admin tried to demote or deactivate themselves (.../self-lockout), "
            + "or the change would leave no active admin (.../last-admin)")
    public Uni<User> update(@RestPath String id, UserUpdate update) {
        long userId = Ids.parse(id).orElseThrow(() -> ProblemType.notFound("The user"));
        return users.update(Caller.id(identity), userId, Validation.present(update).validate());
    }
}
