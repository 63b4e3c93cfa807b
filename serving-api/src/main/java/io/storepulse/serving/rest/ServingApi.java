package io.storepulse.serving.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The OpenAPI document's header and how every {@code /v1} call authenticates: {@code Authorization: Bearer <key>}. */
@OpenAPIDefinition(info = @Info(title = "StorePulse serving-api", version = "1",
        description = "Sessions, revenue and stock from the processor's live state, online features from Redis, fraud "
                + "alerts as a list and a resumable SSE stream. Every /v1 call needs an API key with the right role."))
@SecurityScheme(securitySchemeName = ServingApi.API_KEY, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key from configuration (STOREPULSE_API_KEY or storepulse.clients.<name>.key), sent as "
                + "Authorization: Bearer <key>")
public class ServingApi extends Application {

    public static final String API_KEY = "apiKey";
}
