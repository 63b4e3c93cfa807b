package io.storepulse.serving.auth;

import io.storepulse.serving.rest.ErrorBody;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;
import java.util.Set;

/**
 * Every {@code /v1} call needs {@code Authorization: Bearer <key>}: {@code 401} without a known key, {@code 403}
 * for a key without the role the path needs. Health, metrics, OpenAPI and the dashboard page stay open.
 */
public class ApiKeyFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;

    public ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @ServerRequestFilter
    public Optional<RestResponse<ErrorBody>> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/v1/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Set<Role> roles = header != null && header.startsWith(BEARER) ? keys.rolesOf(header.substring(BEARER.length()))
                : null;
        if (roles == null) {
            return Optional.of(RestResponse.ResponseBuilder.create(Response.Status.UNAUTHORIZED,
                            new ErrorBody(header == null ? "missing credentials: send Authorization: Bearer <api key>"
                                    : "invalid API key"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
        }
        Role needed = Role.neededFor(path);
        if (needed != null && !roles.contains(needed)) {
            return Optional.of(RestResponse.ResponseBuilder.create(Response.Status.FORBIDDEN,
                    new ErrorBody("this key lacks the role " + needed.name().toLowerCase(java.util.Locale.ROOT)
                            + " that " + path + " needs")).build());
        }
        return Optional.empty();
    }
}
