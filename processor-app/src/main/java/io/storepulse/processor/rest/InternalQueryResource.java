package io.storepulse.processor.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.storepulse.service.json.InventoryView;
import io.storepulse.service.json.LocalLowStock;
import io.storepulse.service.json.LocalTopRevenue;
import io.storepulse.service.json.ProcessorInstance;
import io.storepulse.service.json.RevenueView;
import io.storepulse.service.json.SessionView;
import io.storepulse.processor.query.InventoryQueries;
import io.storepulse.processor.query.QueryResult;
import io.storepulse.processor.query.RevenueQueries;
import io.storepulse.processor.query.SessionQueries;
import io.storepulse.processor.query.StoreLocator;
import io.storepulse.service.http.BadParameterException;
import io.storepulse.service.http.ErrorBody;
import io.storepulse.service.http.Parameters;
import io.storepulse.service.http.Unavailable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The processor's state over HTTP, for serving-api: {@code 200} from the instance that owns the key,
 * {@code 307} to that instance from any other, {@code 404} for an unknown product's stock, {@code 503} with
 * {@code Retry-After} while the state moves. Under {@code /local} every instance answers from its own active
 * partitions and names them; {@code /instances} lists whom to ask. Maps results to status codes and nothing else.
 */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@RegisterForReflection(targets = {SessionView.class, RevenueView.class, InventoryView.class, LocalTopRevenue.class,
        LocalLowStock.class, ProcessorInstance.class})
public class InternalQueryResource {

    static final int MAX_TOP = 1000;
    static final int MAX_LOW_STOCK = 10_000;

    private final StoreLocator locator;
    private final SessionQueries sessions;
    private final RevenueQueries revenue;
    private final InventoryQueries inventory;

    public InternalQueryResource(StoreLocator locator, SessionQueries sessions, RevenueQueries revenue,
                                 InventoryQueries inventory) {
        this.locator = locator;
        this.sessions = sessions;
        this.revenue = revenue;
        this.inventory = inventory;
    }

    @GET
    @Path("/users/{userId}/sessions")
    @Operation(summary = "Sessions of a user overlapping [from, to), newest first")
    public Response sessions(@PathParam("userId") String userId, @QueryParam("from") String from,
                             @QueryParam("to") String to, @Context UriInfo uri) {
        return answer(sessions.sessions(Parameters.id("userId", userId), Parameters.instant("from", from), Parameters.instant("to", to)), uri);
    }

    @GET
    @Path("/products/{productId}/revenue")
    @Operation(summary = "Revenue of a product per event-time hour overlapping [from, to), oldest first")
    public Response revenue(@PathParam("productId") String productId, @QueryParam("from") String from,
                            @QueryParam("to") String to, @Context UriInfo uri) {
        return answer(revenue.revenue(Parameters.id("productId", productId), Parameters.instant("from", from), Parameters.instant("to", to)), uri);
    }

    @GET
    @Path("/products/{productId}/inventory")
    @Operation(summary = "Stock of a product")
    public Response inventory(@PathParam("productId") String productId, @Context UriInfo uri) {
        return answer(inventory.inventory(Parameters.id("productId", productId)), uri);
    }

    @GET
    @Path("/instances")
    @Operation(summary = "Every processor instance holding tasks, by the address it advertises (this one included)")
    public Response instances(@Context UriInfo uri) {
        return answer(locator.instances(), uri);
    }

    @GET
    @Path("/local/products/top-revenue")
    @Operation(summary = "This instance's products with the most revenue in one event-time hour, from its active "
            + "partitions only")
    public Response localTopRevenue(@QueryParam("hour") String hour, @QueryParam("limit") String limit,
                                    @Context UriInfo uri) {
        Instant start = Parameters.instant("hour", hour);
        if (start == null) {
            throw new BadParameterException("hour", "required: an ISO-8601 instant within the hour");
        }
        return answer(revenue.localTopRevenue(start.truncatedTo(ChronoUnit.HOURS), Parameters.limit("limit", limit, 10, MAX_TOP)),
                uri);
    }

    @GET
    @Path("/local/inventory/low-stock")
    @Operation(summary = "This instance's products below the low-stock threshold, lowest quantity first, from its "
            + "active partitions only")
    public Response localLowStock(@QueryParam("limit") String limit, @Context UriInfo uri) {
        return answer(inventory.localLowStock(Parameters.limit("limit", limit, 50, MAX_LOW_STOCK)), uri);
    }

    private static Response answer(QueryResult<?> result, UriInfo uri) {
        if (result instanceof QueryResult.Found<?> found) {
            return Response.ok(found.value()).build();
        }
        if (result instanceof QueryResult.NotFound<?>) {
            return Response.status(Response.Status.NOT_FOUND).entity(new ErrorBody("nothing is known of this id")).build();
        }
        if (result instanceof QueryResult.Elsewhere<?> elsewhere) {
            URI request = uri.getRequestUri();
            return Response.temporaryRedirect(URI.create("http://" + elsewhere.hostAndPort() + request.getRawPath()
                    + (request.getRawQuery() == null ? "" : "?" + request.getRawQuery()))).build();
        }
        QueryResult.Unavailable<?> unavailable = (QueryResult.Unavailable<?>) result;
        return Unavailable.response(null, "state not queryable right now, retry: " + unavailable.reason());
    }
}
