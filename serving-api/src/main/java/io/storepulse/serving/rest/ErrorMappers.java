package io.storepulse.serving.rest;

import io.storepulse.service.http.ErrorBody;
import io.storepulse.service.http.Unavailable;
import io.storepulse.serving.query.ProcessorRefusedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;

/**
 * serving-api's own failures, beside the ones every app maps alike ({@code io.storepulse.service.http.ErrorMappers}):
 * a backend out of reach, or a processor that cannot give the whole answer now, is {@code 503}, quickly; a
 * processor answering nonsense is {@code 502}. Each with a JSON {@code {"error": ...}} body.
 */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response processorRefused(ProcessorRefusedException e) {
        if (e.status() == 503) {
            return Unavailable.response(e.retryAfter(), e.getMessage());
        }
        return Response.status(Response.Status.BAD_GATEWAY).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response rebuilding(FeaturesRebuildingException e) {
        return Unavailable.response(null, e.getMessage());
    }

    @ServerExceptionMapper
    public Response backendDown(BackendUnavailableException e) {
        return Unavailable.response(null, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unreachable(IOException e) {
        return Unavailable.response(null, "a backend cannot be reached: " + e.getMessage());
    }
}
