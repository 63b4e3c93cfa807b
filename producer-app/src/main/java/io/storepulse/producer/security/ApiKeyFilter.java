package io.storepulse.producer.security;

import io.storepulse.producer.collector.ErrorResponse;
import io.storepulse.producer.config.ProducerConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The collector is open by default (browsers and apps post to it); with
 * {@code storepulse.collector.require-api-key=true} every /v1 call needs {@code Authorization: Bearer <key>}.
 */
public class ApiKeyFilter {

    private final boolean required;
    private final byte[] expected;

    public ApiKeyFilter(ProducerConfig config) {
        this.required = config.collector().requireApiKey();
        if (required && config.apiKey().filter(key -> !key.isBlank()).isEmpty()) {
            throw new IllegalStateException("storepulse.collector.require-api-key is true but no key is configured: "
                    + "set STOREPULSE_API_KEY");
        }
        this.expected = ("Bearer " + config.apiKey().orElse("")).getBytes(StandardCharsets.UTF_8);
    }

    @ServerRequestFilter
    public Optional<RestResponse<ErrorResponse>> requireKey(ContainerRequestContext request) {
        if (!required || !request.getUriInfo().getPath().startsWith("/v1/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(RestResponse.ResponseBuilder
                .create(Response.Status.UNAUTHORIZED, new ErrorResponse(header == null
                        ? "missing credentials: send Authorization: Bearer <api key>" : "invalid API key"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build());
    }
}
