package io.storepulse.processor.rest;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import io.storepulse.processor.config.ProcessorConfig;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * The credentials serving-api presents to {@code /internal/v1} ({@code storepulse.internal-key}, env
 * {@code STOREPULSE_INTERNAL_KEY}; comma-separated while a key is rotated). Compared by SHA-256 digest in constant
 * time against every configured key. With none configured the endpoints are open, and the processor says so at
 * start: the launcher and the Kubernetes manifests always set one.
 */
@ApplicationScoped
@Startup
public class InternalKeys {

    private static final Logger LOG = Logger.getLogger(InternalKeys.class);
    private static final String PREFIX = "Bearer ";

    private final List<byte[]> digests;

    @Inject
    public InternalKeys(ProcessorConfig config) {
        this(config.internalKey());
    }

    InternalKeys(Optional<List<String>> keys) {
        this.digests = keys.orElse(List.of()).stream().map(String::strip).filter(key -> !key.isEmpty())
                .map(InternalKeys::digest).toList();
        if (digests.isEmpty() && LaunchMode.current() != LaunchMode.TEST) {
            LOG.warn("no internal key configured: /internal/v1 answers anyone who reaches this port; set "
                    + "STOREPULSE_INTERNAL_KEY here and in serving-api");
        }
    }

    /** Whether a request with this {@code Authorization} header (null when absent) may use the internal endpoints. */
    public boolean allows(String authorization) {
        if (digests.isEmpty()) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] offered = digest(authorization.substring(PREFIX.length()).strip());
        boolean found = false;
        for (byte[] digest : digests) {
            found |= MessageDigest.isEqual(digest, offered);
        }
        return found;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
