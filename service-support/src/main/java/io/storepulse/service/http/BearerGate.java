package io.storepulse.service.http;

/**
 * Requests whose path is {@code path} or below it need one of {@code keys} as {@code Authorization: Bearer <key>};
 * {@link BearerKeyFilter} enforces every gate an app produces. A gate without keys is open: an app that must never
 * be open refuses to start without them. {@code hint} names the credential in the {@code 401}'s message.
 */
public record BearerGate(String path, BearerKeys keys, String hint) {

    public boolean guards(String requestPath) {
        if (keys.isEmpty()) {
            return false;
        }
        return requestPath.equals(path) || requestPath.startsWith(path.endsWith("/") ? path : path + "/");
    }
}
