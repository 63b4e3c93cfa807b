package io.storepulse.serving.auth;

import io.storepulse.serving.rest.ErrorBody;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.EnumSet;
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
            return refuse(Response.Status.UNAUTHORIZED, header == null
                    ? "missing credentials: send Authorization: Bearer <api key>" : "invalid API key");
        }
        Role needed = Role.neededFor(path);
        if (needed == null && !roles.containsAll(EnumSet.allOf(Role.class))) {
            // A /v1 path no role names is open only to a key with every role, never to any key by omission.
            return refuse(Response.Status.FORBIDDEN, path + " is open only to a key with every role");
        }
        if (needed != null && !roles.contains(needed)) {
            return refuse(Response.Status.FORBIDDEN, "this key lacks the role "
                    + needed.name().toLowerCase(java.util.Locale.ROOT) + " that " + path + " needs");
        }
        return Optional.empty();
    }

    /** A JSON error whatever the endpoint produces (an SSE stream, plain text), with the challenge on a 401. */
    private static Optional<RestResponse<ErrorBody>> refuse(Response.Status status, String message) {
        RestResponse.ResponseBuilder<ErrorBody> response = RestResponse.ResponseBuilder.create(status,
                new ErrorBody(message)).type(MediaType.APPLICATION_JSON_TYPE);
        if (status == Response.Status.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return Optional.of(response.build());
    }
}
