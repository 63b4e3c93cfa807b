package io.storepulse.producer.generator;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.storepulse.service.http.ErrorBody;
import io.storepulse.producer.config.ProducerConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Control of the traffic generator (CONTRACT section 4). */
@Path("/v1/generator")
@Produces(MediaType.APPLICATION_JSON)
public class GeneratorResource {

    /** Rate used by a start without a body when the app was started with the generator off. */
    static final int DEFAULT_RATE = 200;

    private final GeneratorService generator;
    private final int configuredRate;

    public GeneratorResource(GeneratorService generator, ProducerConfig config) {
        this.generator = generator;
        this.configuredRate = config.generator().rate();
    }

    @RegisterForReflection
    public record StartRequest(@JsonProperty("rate") Integer rate) {
    }

    @GET
    @Operation(summary = "Generator status, rate and totals")
    public GeneratorStatus status() {
        return generator.status();
    }

    @POST
    @Path("/start")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start the generator, or change its rate", description = "Body {\"rate\": N} in events/s.")
    public GeneratorStatus start(StartRequest request) {
        Integer rate = request == null ? null : request.rate();
        return generator.start(rate != null ? rate : configuredRate > 0 ? configuredRate : DEFAULT_RATE);
    }

    @POST
    @Path("/stop")
    @Operation(summary = "Stop the generator")
    public GeneratorStatus stop() {
        return generator.stop();
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> badRate(IllegalArgumentException e) {
        return RestResponse.status(Response.Status.BAD_REQUEST, new ErrorBody(e.getMessage()));
    }
}
