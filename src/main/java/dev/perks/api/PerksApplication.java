package dev.perks.api;

import dev.perks.error.Problem;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The API as a whole, for OpenAPI: registers the {@link Problem} schema that every error answer
 * refers to (ProblemResponsesFilter adds those answers, and no resource names the class itself).
 */
@OpenAPIDefinition(
        info = @Info(title = "perks-service API", version = "1.0",
                description = "Employee perks: accounts, a catalogue with limited stock, atomic idempotent claims."
                        + " Errors are RFC 9457 application/problem+json."),
        components = @Components(schemas = @Schema(name = "Problem", implementation = Problem.class)))
public class PerksApplication extends Application {
}
