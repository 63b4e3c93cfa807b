package io.storepulse.serving.rest;

import io.storepulse.service.http.ErrorBody;
import io.storepulse.service.http.Unavailable;
import io.storepulse.service.http.Parameters;
import io.storepulse.serving.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import io.storepulse.serving.query.ProcessorClient;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.storepulse.service.json.InventoryView;
import io.storepulse.service.json.RevenueView;
import io.storepulse.service.json.SessionView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.io.IOException;

/**
 * Sessions, revenue and stock from the processor's live state (CONTRACT section 6). Checks the parameters, asks
 * the processor (which routes to the key's owner) and relays its answer: {@code 200}, {@code 404} for an unknown
 * id, {@code 503} with {@code Retry-After} while the state is not queryable.
 */
@Path("/v1")
@SecurityRequirement(name = ServingApi.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.QUERIES_ROLE)
public class QueryResource {

    private final ProcessorClient processor;

    public QueryResource(ProcessorClient processor) {
        this.processor = processor;
    }

    @GET
    @Path("/users/{userId}/sessions")
    @Operation(summary = "A user's sessions overlapping [from, to), newest first")
    @APIResponse(responseCode = "200", description = "Sessions; [] when none are retained",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionView.class, type = SchemaType.ARRAY)))
    public Response sessions(@PathParam("userId") String userId,
                             @Parameter(description = "ISO-8601 instant") @QueryParam("from") String from,
                             @Parameter(description = "ISO-8601 instant") @QueryParam("to") String to)
            throws IOException, InterruptedException {
        return relay("/internal/v1/users/" + RelayPaths.segment(Parameters.id("userId", userId)) + "/sessions" + range(from, to));
    }

    @GET
    @Path("/products/{productId}/revenue")
    @Operation(summary = "A product's revenue per event-time hour overlapping [from, to), oldest first")
    @APIResponse(responseCode = "200", description = "One entry per hour; [] when none are retained",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RevenueView.class, type = SchemaType.ARRAY)))
    public Response revenue(@PathParam("productId") String productId,
                            @Parameter(description = "ISO-8601 instant") @QueryParam("from") String from,
                            @Parameter(description = "ISO-8601 instant") @QueryParam("to") String to)
            throws IOException, InterruptedException {
        return relay("/internal/v1/products/" + RelayPaths.segment(Parameters.id("productId", productId)) + "/revenue" + range(from, to));
    }

    @GET
    @Path("/products/{productId}/inventory")
    @Operation(summary = "A product's stock: current quantity, low-stock flag, units sold since the newest report")
    @APIResponse(responseCode = "200", description = "The product's stock",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InventoryView.class)))
    @APIResponse(responseCode = "404", description = "Nothing is known of this id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response inventory(@PathParam("productId") String productId) throws IOException, InterruptedException {
        return relay("/internal/v1/products/" + RelayPaths.segment(Parameters.id("productId", productId)) + "/inventory");
    }

    private static String range(String from, String to) {
        Parameters.instant("from", from);
        Parameters.instant("to", to);
        return RelayPaths.range(from, to);
    }

    private Response relay(String path) throws IOException, InterruptedException {
        ProcessorClient.Answer answer = processor.get(path);
        return switch (answer.status()) {
            case 200, 400, 404 -> Response.status(answer.status()).type(MediaType.APPLICATION_JSON)
                    .entity(answer.body()).build();
            case 503 -> Unavailable.response(answer.retryAfter(), "the processor's state is not queryable right now");
            default -> Response.status(Response.Status.BAD_GATEWAY).type(MediaType.APPLICATION_JSON)
                    .entity(new ErrorBody("the processor answered " + answer.status())).build();
        };
    }
}
