package io.storepulse.serving;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A /v1 endpoint the role map does not name, deployed in tests only: what a forgotten new endpoint would be. */
@Path("/v1/test-only/unlisted")
public class UnlistedResource {

    @GET
    @Operation(hidden = true)
    public String get() {
        return "reached";
    }
}
