package io.storepulse.producer.security;

import io.quarkus.arc.lookup.LookupIfProperty;
import io.quarkus.runtime.StartupEvent;
import io.storepulse.producer.config.ProducerConfig;
import io.storepulse.service.http.BearerGate;
import io.storepulse.service.http.BearerKeys;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The collector is open by default (browsers and apps post to it); with
 * {@code storepulse.collector.require-api-key=true} every {@code /v1} call needs
 * {@code Authorization: Bearer <key>} with one of the configured keys, checked before anything else.
 */
public class ApiKeyGate {

    @Produces
    @Singleton
    @LookupIfProperty(name = "storepulse.collector.require-api-key", stringValue = "true")
    BearerGate collectorGate(ProducerConfig config) {
        return new BearerGate("/v1", keys(config), "api key");
    }

    /** Refuses to start when a key is required and none is configured, rather than refusing every request. */
    void check(@Observes StartupEvent started, ProducerConfig config) {
        if (config.collector().requireApiKey()) {
            keys(config);
        }
    }

    private static BearerKeys keys(ProducerConfig config) {
        BearerKeys keys = BearerKeys.of(config.apiKey().orElse(List.of()));
        if (keys.isEmpty()) {
            throw new IllegalStateException("storepulse.collector.require-api-key is true but no key is configured: "
                    + "set STOREPULSE_API_KEY");
        }
        return keys;
    }
}
