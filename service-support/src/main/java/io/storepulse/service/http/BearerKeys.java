package io.storepulse.service.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;

/**
 * A set of secret keys, held as SHA-256 digests and compared in constant time against every one of them, so neither
 * timing nor length tells a caller how close a guess was. Several keys may be valid at once, so a key is rotated
 * without downtime: add the new one, move the clients, remove the old one.
 */
public final class BearerKeys {

    private static final String PREFIX = "Bearer ";

    private final List<byte[]> digests;

    private BearerKeys(List<byte[]> digests) {
        this.digests = digests;
    }

    /** The keys given, stripped; blank ones are ignored. */
    public static BearerKeys of(Collection<String> keys) {
        return new BearerKeys(keys.stream().map(String::strip).filter(key -> !key.isEmpty())
                .map(BearerKeys::digest).toList());
    }

    public boolean isEmpty() {
        return digests.isEmpty();
    }

    public int size() {
        return digests.size();
    }

    /** The position of {@code key} among the keys given (blank ones not counted), or -1; every key is compared. */
    public int indexOf(String key) {
        byte[] offered = digest(key == null ? "" : key.strip());
        int found = -1;
        for (int i = 0; i < digests.size(); i++) {
            if (MessageDigest.isEqual(digests.get(i), offered) && found < 0) {
                found = i;
            }
        }
        return found;
    }

    /** The key of an {@code Authorization: Bearer <key>} header (scheme in any case), or null when it has none. */
    public static String fromAuthorization(String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        return header.substring(PREFIX.length()).strip();
    }

    /** Whether this {@code Authorization} header (null when absent) carries one of the keys. */
    public boolean allows(String authorization) {
        String key = fromAuthorization(authorization);
        return key != null && indexOf(key) >= 0;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
