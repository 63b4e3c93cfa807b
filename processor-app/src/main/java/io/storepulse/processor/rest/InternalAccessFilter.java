package io.storepulse.processor.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * {@code /internal/v1} only for the holder of the internal key ({@link InternalKeys}): checked before any resource
 * is matched, so without it every request gets {@code 401}, whatever its path or {@code Accept}.
 */
public class InternalAccessFilter {

    private final InternalKeys keys;

    public InternalAccessFilter(InternalKeys keys) {
        this.keys = keys;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<RestResponse<ErrorBody>> check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!(path.equals("/internal") || path.startsWith("/internal/"))
                || keys.allows(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return Optional.empty();
        }
        return Optional.of(RestResponse.ResponseBuilder.create(Response.Status.UNAUTHORIZED,
                        new ErrorBody("the internal endpoints need Authorization: Bearer <internal key>"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").type(MediaType.APPLICATION_JSON_TYPE).build());
    }
}
