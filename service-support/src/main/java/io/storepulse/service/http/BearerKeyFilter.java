package io.storepulse.service.http;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Optional;

/**
 * Enforces the app's {@link BearerGate}s (the collector's {@code /v1} when it requires a key, the processor's
 * {@code /internal}) before any resource is matched, so a request without a valid key learns nothing but
 * {@code 401}: not whether the path exists, nor what it would produce for its {@code Accept}. An app that produces
 * no gate (serving-api authenticates through Quarkus Security) passes every request on.
 */
public class BearerKeyFilter {

    private final List<BearerGate> gates;

    public BearerKeyFilter(Instance<BearerGate> gates) {
        this.gates = gates.stream().toList();
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<RestResponse<ErrorBody>> check(ContainerRequestContext request) {
        if (gates.isEmpty()) {
            return Optional.empty();
        }
        String path = request.getUriInfo().getPath();
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        for (BearerGate gate : gates) {
            if (gate.guards(path) && !gate.keys().allows(authorization)) {
                return Optional.of(RestResponse.ResponseBuilder.create(Response.Status.UNAUTHORIZED,
                                new ErrorBody(authorization == null
                                        ? "missing credentials: send Authorization: Bearer <" + gate.hint() + ">"
                                        : "invalid " + gate.hint()))
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").type(MediaType.APPLICATION_JSON_TYPE).build());
            }
        }
        return Optional.empty();
    }
}
