package io.storepulse.serving.auth;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.storepulse.service.http.BearerKeys;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Reads {@code Authorization: Bearer <api key>}. It runs before any resource is matched (the {@code /v1/*} HTTP
 * permission in application.properties needs an authenticated caller), so a request without a valid key learns
 * nothing but {@code 401}: not whether the path exists, nor what it would produce for its {@code Accept}.
 */
@ApplicationScoped
public class ApiKeyAuthentication implements HttpAuthenticationMechanism {

    static final String SCHEME = "Bearer";
    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String key = BearerKeys.fromAuthorization(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (key == null) {
            // Anonymous: the /v1 permission then answers with the challenge below.
            return Uni.createFrom().nullItem();
        }
        TokenAuthenticationRequest request = new TokenAuthenticationRequest(new TokenCredential(key, "api-key"));
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, WWW_AUTHENTICATE, SCHEME));
    }

    /** The challenge with a JSON body saying what is wrong, whatever the endpoint would have produced. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        String message = context.request().getHeader(HttpHeaders.AUTHORIZATION) == null
                ? "missing credentials: send Authorization: Bearer <api key>" : "invalid API key";
        if (!context.response().ended()) {
            context.response().setStatusCode(401)
                    .putHeader(WWW_AUTHENTICATE, SCHEME)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end("{\"error\":\"" + message + "\"}");
        }
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }
}
