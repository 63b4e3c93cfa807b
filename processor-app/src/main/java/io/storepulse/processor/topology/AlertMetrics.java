package io.storepulse.processor.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.storepulse.avro.FraudAlert;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code storepulse_fraud_alerts_total{rule, severity}} and {@code storepulse_fraud_detection_latency_seconds}: wall
 * clock from the triggering event's write (its record timestamp) to the alert, as a histogram with buckets from
 * 5 ms to 10 s.
 */
final class AlertMetrics implements UserActivityProcessor.AlertObserver {

    private final MeterRegistry registry;
    private final Map<String, Counter> alerts = new ConcurrentHashMap<>();
    private final Timer latency;

    AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("storepulse.fraud.detection.latency")
                .description("Wall-clock time from the triggering event's write to its fraud alert")
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500),
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10))
                .register(registry);
    }

    @Override
    public void alerted(FraudAlert alert, long latencyMillis) {
        String rule = alert.getRule().name();
        String severity = alert.getSeverity().name();
        alerts.computeIfAbsent(rule + "/" + severity, key -> registry.counter("storepulse.fraud.alerts",
                "rule", rule, "severity", severity)).increment();
        latency.record(Math.max(0, latencyMillis), TimeUnit.MILLISECONDS);
    }
}
