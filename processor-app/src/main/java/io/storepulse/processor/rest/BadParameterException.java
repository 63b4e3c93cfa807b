package io.storepulse.processor.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request parameter that is missing or malformed: answered 400, naming the parameter. */
public class BadParameterException extends RuntimeException {

    public BadParameterException(String parameter, String problem) {
        super(parameter + ": " + problem);
    }

    @Provider
    public static class Mapper implements ExceptionMapper<BadParameterException> {
        @Override
        public Response toResponse(BadParameterException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(new ErrorBody(e.getMessage())).build();
        }
    }
}
