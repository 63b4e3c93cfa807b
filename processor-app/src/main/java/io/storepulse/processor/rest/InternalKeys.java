package io.storepulse.processor.rest;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.storepulse.processor.config.ProcessorConfig;
import io.storepulse.service.http.BearerGate;
import io.storepulse.service.http.BearerKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * The credentials serving-api presents to {@code /internal/v1} ({@code storepulse.internal-key}, env
 * {@code STOREPULSE_INTERNAL_KEY}; comma-separated while a key is rotated), enforced before any resource is
 * matched by the shared bearer-key filter: without one every {@code /internal} request gets {@code 401}, whatever
 * its path or {@code Accept}. With none configured the endpoints are open, and the processor says so at start: the
 * launcher and the Kubernetes manifests always set one.
 */
@ApplicationScoped
@Startup
public class InternalKeys {

    private static final Logger LOG = Logger.getLogger(InternalKeys.class);

    private final BearerKeys keys;

    @Inject
    public InternalKeys(ProcessorConfig config) {
        this(config.internalKey());
    }

    InternalKeys(Optional<List<String>> keys) {
        this.keys = BearerKeys.of(keys.orElse(List.of()));
        if (this.keys.isEmpty() && LaunchMode.current() != LaunchMode.TEST) {
            LOG.warn("no internal key configured: /internal/v1 answers anyone who reaches this port; set "
                    + "STOREPULSE_INTERNAL_KEY here and in serving-api");
        }
    }

    /** The gate on {@code /internal} (open when no key is configured). */
    @Produces
    @Singleton
    BearerGate internalGate() {
        return new BearerGate("/internal", keys, "internal key");
    }
}
