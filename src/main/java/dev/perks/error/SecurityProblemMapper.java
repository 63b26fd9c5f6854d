package dev.perks.error;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Missing, forged, expired or unsigned tokens → 401 with {@code WWW-Authenticate: Bearer}; a valid
 * token without the role → 403. The body never says which check failed on the token: that would
 * help someone forging one.
 */
public class SecurityProblemMapper {

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized("A valid bearer token is required.");
    }

    @ServerExceptionMapper
    public Response badToken(AuthenticationFailedException e) {
        return unauthorized("The bearer token is invalid or has expired.");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ProblemMapper.respond(Problem.of(403, "forbidden", "Forbidden", "Your role does not allow this."));
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(ProblemMapper.respond(Problem.of(401, "unauthorized", "Unauthorized", detail)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }
}
