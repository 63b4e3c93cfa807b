package io.storepulse.serving.rest;

import io.storepulse.service.http.BadParameterException;
import io.storepulse.service.http.Parameters;
import io.storepulse.service.http.Unavailable;
import io.storepulse.serving.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import io.storepulse.avro.Severity;
import io.storepulse.serving.alerts.AlertLog;
import io.storepulse.serving.alerts.AlertStreams;
import io.storepulse.serving.alerts.AlertView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.Instant;
import java.util.List;

/** Fraud alerts: the newest as a list, and a live SSE stream that resumes from {@code Last-Event-ID}. */
@Path("/v1/fraud/alerts")
@SecurityRequirement(name = ServingApi.API_KEY)
@RolesAllowed(Role.ALERTS_ROLE)
public class AlertsResource {

    static final int MAX_LIMIT = 1000;

    private final AlertLog log;
    private final AlertStreams streams;

    public AlertsResource(AlertLog log, AlertStreams streams) {
        this.log = log;
        this.streams = streams;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The newest fraud alerts, newest first")
    @APIResponse(responseCode = "200", description = "Alerts, newest detected_at first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertView.class, type = SchemaType.ARRAY)))
    public Response list(@Parameter(description = "ISO-8601 instant: only alerts detected at or after it")
                         @QueryParam("since") String since,
                         @Parameter(description = "1-1000, default 100") @QueryParam("limit") String limit) {
        Instant sinceInstant = Parameters.instant("since", since);
        long from = sinceInstant == null ? Long.MIN_VALUE : sinceInstant.toEpochMilli();
        int count = Parameters.limit("limit", limit, 100, MAX_LIMIT);
        if (!log.isReady()) {
            return Unavailable.response(null, "the alert log is still reading fraud-alerts");
        }
        List<AlertView> alerts = log.newest(from, count).stream().map(entry -> AlertView.of(entry.alert())).toList();
        return Response.ok(alerts).build();
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live fraud alerts as server-sent events; reconnect with Last-Event-ID to miss nothing")
    @APIResponse(responseCode = "200", description = "Events named fraud-alert: id is the resume token, data an "
            + "alert; comment lines are heartbeats",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = AlertView.class)))
    public void stream(@Context SseEventSink sink, @Context Sse sse,
                       @HeaderParam("Last-Event-ID") String lastEventId,
                       @Parameter(description = "LOW, MEDIUM or HIGH: only alerts at least this severe")
                       @QueryParam("min_severity") String minSeverity) {
        Severity severity = Parameters.severity("min_severity", minSeverity, Severity.LOW);
        if (!log.isReady()) {
            throw new BackendUnavailableException("the alert log", new IllegalStateException("still reading fraud-alerts"));
        }
        try {
            streams.open(sink, sse, lastEventId, severity);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("Last-Event-ID", e.getMessage());
        }
    }
}
