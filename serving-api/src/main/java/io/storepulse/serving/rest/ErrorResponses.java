package io.storepulse.serving.rest;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds the errors every {@code /v1} operation can answer to the OpenAPI document, once, instead of on every
 * method: {@code 400} for a malformed parameter, {@code 401} and {@code 403} from the API-key filter, {@code 503}
 * when the backend cannot answer now; all {@code {"error": "..."}}. Endpoints that answer {@code 404} say so
 * themselves. Registered with {@code mp.openapi.filter}; runs when the document is built.
 */
public class ErrorResponses implements OASFilter {

    private static final Map<String, String> ERRORS = new LinkedHashMap<>();

    static {
        ERRORS.put("400", "A parameter is malformed; the message names it");
        ERRORS.put("401", "No API key, or an unknown one");
        ERRORS.put("403", "The API key lacks the role this endpoint needs");
        ERRORS.put("503", "Not answerable right now (state moving, backend down); see Retry-After");
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        if (openAPI.getComponents().getSchemas() == null
                || !openAPI.getComponents().getSchemas().containsKey("ErrorBody")) {
            openAPI.getComponents().addSchema("ErrorBody", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                    .addProperty("error", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))));
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/v1/")) {
                item.getOperations().values().forEach(ErrorResponses::addErrors);
            }
        });
    }

    private static void addErrors(Operation operation) {
        APIResponses responses = operation.getResponses();
        ERRORS.forEach((code, description) -> {
            if (!responses.hasAPIResponse(code)) {
                responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description)
                        .content(OASFactory.createContent().addMediaType("application/json",
                                OASFactory.createMediaType().schema(OASFactory.createSchema()
                                        .ref("#/components/schemas/ErrorBody")))));
            }
        });
    }
}
