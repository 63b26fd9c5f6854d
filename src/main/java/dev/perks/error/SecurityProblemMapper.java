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
        return unauthorized(ProblemType.UNAUTHORIZED);
    }

    @ServerExceptionMapper
    public Response badToken(AuthenticationFailedException e) {
        return unauthorized(ProblemType.INVALID_TOKEN);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ProblemMapper.respond(ProblemType.FORBIDDEN.problem());
    }

    private static Response unauthorized(ProblemType type) {
        return Response.fromResponse(ProblemMapper.respond(type.problem()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }
}
