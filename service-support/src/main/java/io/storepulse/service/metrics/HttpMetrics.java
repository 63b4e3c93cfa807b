package io.storepulse.service.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Histogram buckets for {@code http_server_requests_seconds}, from 1 ms to 10 s, so request latency percentiles can
 * be computed across instances in Prometheus. Twelve buckets per method, URI template and status keeps the series
 * count small. Every app gets the filter from this producer.
 */
public class HttpMetrics {

    public static final MeterFilter BUCKETS = new MeterFilter() {
        @Override
        public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
            if (!id.getName().equals("http.server.requests")) {
                return config;
            }
            return DistributionStatisticConfig.builder()
                    .serviceLevelObjectives(nanos(Duration.ofMillis(1)), nanos(Duration.ofMillis(2)),
                            nanos(Duration.ofMillis(5)), nanos(Duration.ofMillis(10)),
                            nanos(Duration.ofMillis(25)), nanos(Duration.ofMillis(50)),
                            nanos(Duration.ofMillis(100)), nanos(Duration.ofMillis(250)),
                            nanos(Duration.ofMillis(500)), nanos(Duration.ofSeconds(1)),
                            nanos(Duration.ofMillis(2500)), nanos(Duration.ofSeconds(10)))
                    .build()
                    .merge(config);
        }
    };

    @Produces
    @Singleton
    MeterFilter httpServerBuckets() {
        return BUCKETS;
    }

    /** Timer SLOs are given in nanoseconds. */
    private static double nanos(Duration duration) {
        return duration.toNanos();
    }
}
