package io.storepulse.serving.rest;

import io.storepulse.service.http.Unavailable;
import io.storepulse.serving.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import io.storepulse.serving.config.ServingConfig;
import io.storepulse.serving.pipeline.InputOffsetSampler;
import io.storepulse.serving.pipeline.InputRates;
import io.storepulse.serving.pipeline.Throughput;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.Optional;

/** How much the pipeline takes in: events per second appended to the input topics, from memory. */
@Path("/v1/pipeline")
@SecurityRequirement(name = ServingApi.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.QUERIES_ROLE)
public class PipelineResource {

    private final InputOffsetSampler sampler;
    private final long spanMillis;

    public PipelineResource(InputOffsetSampler sampler, ServingConfig config) {
        this.sampler = sampler;
        this.spanMillis = config.throughput().span().toMillis();
    }

    @GET
    @Path("/throughput")
    @Operation(summary = "Events per second received on click-events, purchase-events and inventory-events",
            description = "From the topics' end offsets, read in the background every "
                    + "storepulse.throughput.sample-every; averaged over storepulse.throughput.span.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Throughput.class)))
    @APIResponse(responseCode = "503", description = "no recent reading: Kafka is not answering, or the app just started")
    public Response throughput() {
        Optional<InputRates> rates = sampler.rates(System.currentTimeMillis());
        Optional<InputRates.Rate> rate = rates.flatMap(readings -> readings.over(spanMillis));
        if (rate.isEmpty()) {
            String retryAfter = Long.toString(Math.max(1, sampler.every().toSeconds()));
            return Unavailable.response(retryAfter, rates.isEmpty()
                    ? "the input topics' end offsets could not be read recently: is Kafka reachable?"
                    : "too few readings of the input topics yet");
        }
        return Response.ok(Throughput.of(rate.get(), rates.get().history())).build();
    }
}
