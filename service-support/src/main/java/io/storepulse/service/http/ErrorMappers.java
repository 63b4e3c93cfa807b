package io.storepulse.service.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Locale;

/**
 * The errors every app answers alike, each with a JSON {@code {"error": ...}} body: a bad parameter is {@code 400};
 * JAX-RS's own answers (unknown path {@code 404}, wrong method {@code 405}, {@code 406}, {@code 415}) keep their
 * status and headers; a remote call that timed out or whose circuit is open is {@code 503} with
 * {@code Retry-After}; anything unexpected is {@code 500}, logged with its stack. An app maps its own exceptions
 * beside these; a resource's own mappers win over these for that resource.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e) {
        return json(Response.Status.BAD_REQUEST.getStatusCode(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response jaxRs(WebApplicationException e) {
        Response given = e.getResponse();
        if (given.hasEntity()) {
            return given;
        }
        return Response.fromResponse(given).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(message(e, given)))
                .build();
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
    public Response unexpected(RuntimeException e) {
        LOG.error("request failed unexpectedly", e);
        return json(Response.Status.INTERNAL_SERVER_ERROR.getStatusCode(),
                "internal error (" + e.getClass().getSimpleName() + "); the app's log has the details");
    }

    static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(message)).build();
    }

    private static String message(WebApplicationException e, Response given) {
        String reason = given.getStatusInfo().getReasonPhrase();
        String text = e.getMessage();
        if (text == null || text.isBlank() || text.startsWith("HTTP " + given.getStatus())) {
            return reason == null ? "HTTP " + given.getStatus() : reason.toLowerCase(Locale.ROOT);
        }
        return text;
    }
}
