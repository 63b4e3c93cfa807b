package io.storepulse.processor.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import io.storepulse.model.metrics.HttpServerBuckets;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Publishes histogram buckets for the HTTP server's request timer. */
public class HttpMetrics {

    @Produces
    @Singleton
    MeterFilter httpServerBuckets() {
        return HttpServerBuckets.FILTER;
    }
}
