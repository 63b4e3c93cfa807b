package io.storepulse.serving.rest;

import io.storepulse.serving.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import io.storepulse.serving.features.FeatureStore;
import io.storepulse.serving.features.FeaturesView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.temporal.ChronoUnit;

/**
 * A user's online features, read from Redis without blocking a thread. Redis down means a quick {@code 503}:
 * the read times out after 300 ms, and after repeated failures the circuit opens and requests are refused at
 * once.
 */
@Path("/v1/users/{userId}/features")
@SecurityRequirement(name = ServingApi.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.FEATURES_ROLE)
public class FeatureResource {

    private final FeatureStore store;

    public FeatureResource(FeatureStore store) {
        this.store = store;
    }

    @GET
    @Operation(summary = "A user's online features (CONTRACT section 8), as of their latest event")
    @APIResponse(responseCode = "200", description = "The user's features, from Redis",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeaturesView.class)))
    @APIResponse(responseCode = "404", description = "Nothing is known of this id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @Timeout(value = 300, unit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2, delayUnit = ChronoUnit.SECONDS,
            skipOn = {NotFoundException.class, BadParameterException.class})
    public Uni<FeaturesView> features(@PathParam("userId") String userId) {
        String id = Parameters.id("userId", userId);
        return store.read(id)
                .onFailure(failure -> !(failure instanceof NotFoundException))
                .transform(failure -> new BackendUnavailableException("Redis", failure))
                .map(found -> found.orElseThrow(() -> new NotFoundException("no features for user " + id)));
    }
}
