package io.storepulse.serving.rest;

import io.storepulse.serving.query.ProcessorRefusedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;

/**
 * Maps failures to answers, each with a JSON {@code {"error": ...}} body: a bad parameter is {@code 400}, nothing
 * known of an id {@code 404}; a backend out of reach, or a processor that cannot give
 * the whole answer now, is {@code 503}, quickly; a processor answering nonsense is {@code 502}.
 */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(e.getMessage())).build();
    }

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
    public Response notFound(NotFoundException e) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response circuitOpen(CircuitBreakerOpenException e) {
        return Unavailable.response("5", "a backend failed repeatedly; not asking it for a few seconds");
    }

    @ServerExceptionMapper
    public Response timeout(TimeoutException e) {
        return Unavailable.response(null, "a backend did not answer in time");
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
