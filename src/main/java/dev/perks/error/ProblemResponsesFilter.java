package dev.perks.error;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the OpenAPI document with the error model every endpoint shares: each 4xx/5xx answer
 * is {@code application/problem+json}, and every {@code /api} operation can answer 503 with
 * {@code Retry-After} while the database is unavailable, and 413 when a body exceeds 64 KiB.
 * Resource annotations then only list the errors that are specific to them. It runs at build
 * time: the document is static, so start-up does not pay for filtering it.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api")) {
                operations(item).forEach((method, operation) -> complete(method, operation));
            }
        });
    }

    private static void complete(PathItem.HttpMethod method, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        if (responses.getAPIResponse("503") == null) {
            responses.addAPIResponse("503", OASFactory.createAPIResponse()
                    .description("The database is unavailable or the schema not yet migrated; retry after Retry-After")
                    .addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait")
                            .schema(OASFactory.createSchema().addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.INTEGER))));
        }
        if (responses.getAPIResponse("401") != null && responses.getAPIResponse("403") == null) {
            // Authority is read from the database on every authenticated request.
            responses.addAPIResponse("403", OASFactory.createAPIResponse()
                    .description("The account is deactivated: type .../account-deactivated"));
        }
        if (operation.getRequestBody() != null && responses.getAPIResponse("413") == null) {
            responses.addAPIResponse("413", OASFactory.createAPIResponse().description("The body exceeds 64 KiB"));
        }
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PATCH) {
            if (operation.getRequestBody() != null && responses.getAPIResponse("400") == null) {
                responses.addAPIResponse("400", OASFactory.createAPIResponse()
                        .description("Malformed JSON, wrong types or unknown fields"));
            }
        }
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                response.getValue().setContent(problemContent());
            }
        }
    }

    private static Map<PathItem.HttpMethod, Operation> operations(PathItem item) {
        return item.getOperations() == null ? Map.of() : item.getOperations();
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }
}
