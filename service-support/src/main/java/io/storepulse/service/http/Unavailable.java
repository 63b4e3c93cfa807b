package io.storepulse.service.http;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code 503} with {@code Retry-After}: the answer cannot be given right now, and will be soon. */
public final class Unavailable {

    public static final String DEFAULT_RETRY_AFTER_SECONDS = "2";

    private Unavailable() {
    }

    /** {@code retryAfter} in seconds, {@link #DEFAULT_RETRY_AFTER_SECONDS} when null. */
    public static Response response(String retryAfter, String why) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfter == null ? DEFAULT_RETRY_AFTER_SECONDS : retryAfter)
                .type(MediaType.APPLICATION_JSON).entity(new ErrorBody(why)).build();
    }
}
