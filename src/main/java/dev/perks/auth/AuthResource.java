package dev.perks.auth;

import dev.perks.api.ClientAddresses;
import dev.perks.api.Validation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

@Path("/api/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Auth", description = "Accounts and bearer tokens")
public class AuthResource {

    private final AuthService auth;
    private final ClientAddresses addresses;

    AuthResource(AuthService auth, ClientAddresses addresses) {
        this.auth = auth;
        this.addresses = addresses;
    }

    @POST
    @Path("register")
    @ResponseStatus(201)
    @Operation(summary = "Create an employee account and sign in")
    @APIResponse(responseCode = "201", description = "Account created; a token for it",
            content = @Content(schema = @Schema(implementation = AuthResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid email, password (8–128) or display name (1–80)")
    @APIResponse(responseCode = "409", description = "The email is taken (case-insensitive): type .../email-taken")
    @APIResponse(responseCode = "429", description = "Too many accounts created from this address; see Retry-After")
    public Uni<AuthResponse> register(RegisterRequest request, @Context HttpServerRequest http) {
        return auth.register(Validation.present(request).validate(), addresses.of(http));
    }

    @POST
    @Path("login")
    @Operation(summary = "Exchange email and password for a bearer token")
    @APIResponse(responseCode = "200", description = "Signed in",
            content = @Content(schema = @Schema(implementation = AuthResponse.class)))
    @APIResponse(responseCode = "400", description = "Email or password missing")
    @APIResponse(responseCode = "401", description = "Unknown email or wrong password (one identical answer)")
    @APIResponse(responseCode = "403", description = "The account is deactivated")
    @APIResponse(responseCode = "429", description = "Too many sign-in attempts for this email or address; see Retry-After")
    public Uni<AuthResponse> login(LoginRequest request, @Context HttpServerRequest http) {
        return auth.login(Validation.present(request).validate(), addresses.of(http));
    }
}
