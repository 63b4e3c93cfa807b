package io.storepulse.producer.collector;

import io.smallrye.common.annotation.Blocking;
import io.storepulse.model.validation.EventJsonReader;
import io.storepulse.service.http.ErrorBody;
import io.storepulse.producer.config.ProducerConfig;
import io.storepulse.producer.kafka.KafkaUnavailableException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** {@code POST /v1/events}: the collector of CONTRACT section 4. Maps outcomes to status codes, nothing more. */
@Path("/v1/events")
public class CollectorResource {

    static final String NDJSON = "application/x-ndjson";

    private final EventCollector collector;
    private final ClientRateLimit rateLimit;
    private final long retryAfterSeconds;

    public CollectorResource(EventCollector collector, ClientRateLimit rateLimit, ProducerConfig config) {
        this.collector = collector;
        this.rateLimit = rateLimit;
        this.retryAfterSeconds = Math.max(1, config.collector().retryAfter().toSeconds());
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Collect events", description = "A JSON array (at most 10,000 events, 4 MiB) or NDJSON of "
            + "click, purchase and inventory events. Valid events are durably written before the reply.")
    @APIResponse(responseCode = "202", description = "Valid events written; invalid ones listed with their index")
    @APIResponse(responseCode = "400", description = "The body is not JSON")
    @APIResponse(responseCode = "413", description = "More than 10,000 events or 4 MiB")
    @APIResponse(responseCode = "429", description = "This client sent more events per second than "
            + "storepulse.collector.rate-limit; nothing of the request was read, retry after Retry-After seconds")
    @APIResponse(responseCode = "503", description = "Kafka cannot take writes; nothing of the request counts as accepted")
    @Blocking
    public RestResponse<?> collect(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body,
                                   HttpServerRequest request) {
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        long wait = rateLimit.secondsUntilAllowed(client);
        if (wait > 0) {
            return RestResponse.ResponseBuilder.create(RestResponse.Status.TOO_MANY_REQUESTS, new ErrorBody(
                            "more events per second than this collector takes from one client; nothing of this "
                                    + "request was accepted, retry it after " + wait + " s"))
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(wait)).build();
        }
        // The write is bounded by EventWriter's timeout; waiting here keeps the request on one worker thread.
        CollectResponse response = collector.collect(body == null ? new byte[0] : body, isNdjson(contentType))
                .await().indefinitely();
        rateLimit.charge(client, response.accepted() + response.rejected().size());
        return RestResponse.status(RestResponse.Status.ACCEPTED, response);
    }

    static boolean isNdjson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.equalsIgnoreCase(NDJSON) || type.equalsIgnoreCase("application/jsonl");
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> notJson(EventJsonReader.NotJsonException e) {
        return RestResponse.status(Response.Status.BAD_REQUEST, new ErrorBody(e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> tooMany(EventJsonReader.TooManyEventsException e) {
        return RestResponse.status(Response.Status.REQUEST_ENTITY_TOO_LARGE, new ErrorBody(e.getMessage()));
    }

    @ServerExceptionMapper({KafkaUnavailableException.class, TimeoutException.class, CircuitBreakerOpenException.class})
    public RestResponse<ErrorBody> kafkaUnavailable(Exception e) {
        return RestResponse.ResponseBuilder
                .create(Response.Status.SERVICE_UNAVAILABLE, new ErrorBody(
                        "Kafka cannot take writes right now; nothing of this request was accepted, retry it: "
                                + e.getMessage()))
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .build();
    }
}
