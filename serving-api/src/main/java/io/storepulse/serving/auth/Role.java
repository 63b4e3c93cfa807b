package io.storepulse.serving.auth;

/** What a client may call: the processor's state, the online features, the fraud alerts. */
public enum Role {
    QUERIES, FEATURES, ALERTS;

    /** The role a {@code /v1} path needs; null for a path no role names (then only a key with every role passes). */
    static Role neededFor(String path) {
        if (path.startsWith("/v1/fraud/")) {
            return ALERTS;
        }
        if (path.startsWith("/v1/users/") && path.endsWith("/features")) {
            return FEATURES;
        }
        if (path.startsWith("/v1/users/") || path.startsWith("/v1/products/") || path.startsWith("/v1/inventory/")
                || path.startsWith("/v1/pipeline/")) {
            return QUERIES;
        }
        return null;
    }
}
