package io.storepulse.serving.auth;

import java.util.Locale;

/**
 * What a client may call: the processor's state, the online features, the fraud alerts. Each resource names the
 * role it needs with {@code @RolesAllowed}; an endpoint that names none is refused to every key
 * ({@code quarkus.security.jaxrs.deny-unannotated-endpoints}).
 */
public enum Role {
    QUERIES, FEATURES, ALERTS;

    /** The names {@code @RolesAllowed} takes (annotation values must be constants). */
    public static final String QUERIES_ROLE = "queries";
    public static final String FEATURES_ROLE = "features";
    public static final String ALERTS_ROLE = "alerts";

    /** The role's name in configuration and in the security identity. */
    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
