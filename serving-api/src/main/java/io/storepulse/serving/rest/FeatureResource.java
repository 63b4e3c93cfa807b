package io.storepulse.serving.rest;

import io.storepulse.service.http.ErrorBody;
import io.storepulse.service.http.BadParameterException;
import io.storepulse.service.http.Parameters;
import io.storepulse.serving.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import io.storepulse.serving.features.FeatureRebuild;
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
 * once. A user Redis does not hold is {@code 404} only if Redis holds their partition's features
 * ({@link FeatureRebuild}); while those are rebuilt, {@code 503}.
 */
@Path("/v1/users/{userId}/features")
@SecurityRequirement(name = ServingApi.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.FEATURES_ROLE)
public class FeatureResource {

    private final FeatureStore store;
    private final FeatureRebuild rebuild;

    public FeatureResource(FeatureStore store, FeatureRebuild rebuild) {
        this.store = store;
        this.rebuild = rebuild;
    }

    @GET
    @Operation(summary = "A user's online features (CONTRACT section 8), as of their latest event")
    @APIResponse(responseCode = "200", description = "The user's features, from Redis",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeaturesView.class)))
    @APIResponse(responseCode = "404", description = "Nothing is known of this id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "Redis cannot be reached, or the features are being rebuilt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @Timeout(value = 300, unit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2, delayUnit = ChronoUnit.SECONDS,
            skipOn = {NotFoundException.class, BadParameterException.class, FeaturesRebuildingException.class})
    public Uni<FeaturesView> features(@PathParam("userId") String userId) {
        String id = Parameters.id("userId", userId);
        return store.read(id)
                .flatMap(found -> found.isPresent() ? Uni.createFrom().item(found.get()) : absent(id))
                .onFailure(failure -> !(failure instanceof NotFoundException || failure instanceof FeaturesRebuildingException))
                .transform(failure -> new BackendUnavailableException("Redis", failure));
    }

    /**
     * {@code 404} only when Redis holds the features of the user's partition; while they are rebuilt, {@code 503}.
     * A rebuild can write the user and mark the partition between the first read and the check, so a held partition
     * is read once more: the mark comes after every write of the partition, so what the second read misses is not
     * there.
     */
    private Uni<FeaturesView> absent(String id) {
        return rebuild.holds(id).flatMap(held -> {
            if (!held) {
                throw new FeaturesRebuildingException(id);
            }
            return store.read(id).map(found -> found.orElseThrow(
                    () -> new NotFoundException("no features for user " + id)));
        });
    }
}
