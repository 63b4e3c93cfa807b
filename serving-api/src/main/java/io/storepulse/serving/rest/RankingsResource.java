package io.storepulse.serving.rest;

import io.storepulse.service.http.Parameters;
import io.storepulse.serving.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import io.storepulse.serving.query.LowStock;
import io.storepulse.serving.query.ProductRankings;
import io.storepulse.serving.query.TopProducts;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Rankings over every product, gathered from every processor instance: the best sellers of an event-time hour and
 * the products low on stock. {@code 503} with {@code Retry-After} while any instance cannot answer for its
 * partitions, never a ranking of some of them.
 */
@Path("/v1")
@SecurityRequirement(name = ServingApi.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.QUERIES_ROLE)
public class RankingsResource {

    static final int MAX_TOP = 100;
    static final int MAX_LOW_STOCK = 1000;

    private final ProductRankings rankings;

    public RankingsResource(ProductRankings rankings) {
        this.rankings = rankings;
    }

    @GET
    @Path("/products/top")
    @Operation(summary = "The products with the most revenue in one event-time hour, highest first",
            description = "Without hour: the current UTC hour on serving-api's clock. Revenue as in "
                    + "/v1/products/{productId}/revenue.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TopProducts.class)))
    @APIResponse(responseCode = "503", description = "a processor instance cannot answer for its partitions now")
    public TopProducts top(@Parameter(description = "1-" + MAX_TOP + ", default 10") @QueryParam("limit") String limit,
                           @Parameter(description = "ISO-8601 instant within the hour; default: now")
                           @QueryParam("hour") String hour) throws IOException, InterruptedException {
        int count = Parameters.limit("limit", limit, 10, MAX_TOP);
        Instant within = Parameters.instant("hour", hour);
        Instant start = (within == null ? Instant.now() : within).truncatedTo(ChronoUnit.HOURS);
        return rankings.topProducts(start, count);
    }

    @GET
    @Path("/inventory/low-stock")
    @Operation(summary = "Products whose quantity is below the low-stock threshold, lowest first, and how many")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = LowStock.class)))
    @APIResponse(responseCode = "503", description = "a processor instance cannot answer for its partitions now")
    public LowStock lowStock(@Parameter(description = "1-" + MAX_LOW_STOCK + ", default 50")
                             @QueryParam("limit") String limit) throws IOException, InterruptedException {
        return rankings.lowStock(Parameters.limit("limit", limit, 50, MAX_LOW_STOCK));
    }
}
