package io.storepulse.serving.auth;

import io.storepulse.service.http.ErrorBody;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A valid key without the role an endpoint needs: {@code 403} with a JSON body naming the role (from the
 * endpoint's {@code @RolesAllowed}), whatever the endpoint produces.
 */
public class ForbiddenMapper {

    @ServerExceptionMapper(ForbiddenException.class)
    public RestResponse<ErrorBody> forbidden(ResourceInfo resource) {
        RolesAllowed roles = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (roles == null && resource.getResourceClass() != null) {
            roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        String message = roles == null ? "this endpoint is open to no API key"
                : "this API key lacks the role " + String.join(" or ", roles.value()) + " that this endpoint needs";
        return RestResponse.ResponseBuilder.create(Response.Status.FORBIDDEN, new ErrorBody(message))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
