package io.storepulse.processor.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.FraudRule;
import io.storepulse.avro.Severity;
import io.storepulse.model.Topics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What the topology reports to Prometheus. Every counter is looked up once, not per record, and no label holds
 * an id: topics, routes, rules, severities and a yes/no are all bounded.
 * <ul>
 *   <li>{@code storepulse_processor_records_total{topic, route}}: {@code valid}, {@code dlq}, {@code late}, and
 *       {@code duplicate} (a valid click or purchase seen before, so also counted as valid), each exposed from the
 *       start at 0;</li>
 *   <li>{@code storepulse_pipeline_freshness_seconds{topic}}: wall clock minus the newest event time this instance
 *       accepted from the input topic (NaN before the first);</li>
 *   <li>{@code storepulse_revenue_total} and {@code storepulse_purchases_total}: accepted, de-duplicated purchases;</li>
 *   <li>{@code storepulse_sessions_total{converted}}: sessions as they become final;</li>
 *   <li>{@code storepulse_fraud_alerts_total{rule, severity}}, every rule and severity exposed from the start at 0,
 *       so dashboards and alert rules see "no alerts" rather than no series; and
 *       {@code storepulse_fraud_detection_latency_seconds}: wall clock from the triggering event's write (its record
 *       timestamp) to the alert, as a histogram from 5 ms to 10 s.</li>
 * </ul>
 * They count what this process did: work repeated after a crash (exactly-once keeps the outputs right) is counted
 * again, so they are for rates and dashboards, not for accounting.
 */
final class ProcessorMetrics implements InputGate.RouteCounter, UserActivityProcessor.ActivityObserver {

    private final MeterRegistry registry;
    private final Map<String, Map<String, Counter>> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> newestEventTime = new ConcurrentHashMap<>();
    private final Map<FraudRule, Map<Severity, Counter>> alerts = new EnumMap<>(FraudRule.class);
    private final Counter revenue;
    private final Counter purchases;
    private final Counter convertedSessions;
    private final Counter otherSessions;
    private final Timer detectionLatency;

    ProcessorMetrics(MeterRegistry registry, LongSupplier wallClock) {
        this.registry = registry;
        for (String topic : Topics.INPUTS) {
            for (String route : List.of(VALID, DLQ, LATE)) {
                count(topic, route, 0);
            }
            AtomicLong newest = newestEventTime.computeIfAbsent(topic, t -> new AtomicLong(Long.MIN_VALUE));
            Gauge.builder("storepulse.pipeline.freshness", newest, n -> n.get() == Long.MIN_VALUE ? Double.NaN
                            : (wallClock.getAsLong() - n.get()) / 1000.0)
                    .description("Wall clock minus the newest event time accepted from the input topic")
                    .baseUnit("seconds")
                    .tag("topic", topic)
                    .register(registry);
        }
        // Only the user's events are de-duplicated by id; an inventory report repeated is newest-wins anyway.
        count(Topics.CLICK_EVENTS, DUPLICATE, 0);
        count(Topics.PURCHASE_EVENTS, DUPLICATE, 0);
        this.revenue = Counter.builder("storepulse.revenue")
                .description("Sum of the amounts of accepted, de-duplicated purchases").register(registry);
        this.purchases = Counter.builder("storepulse.purchases")
                .description("Accepted, de-duplicated purchases").register(registry);
        this.convertedSessions = sessions(registry, true);
        this.otherSessions = sessions(registry, false);
        for (FraudRule rule : FraudRule.values()) {
            Map<Severity, Counter> bySeverity = new EnumMap<>(Severity.class);
            for (Severity severity : Severity.values()) {
                bySeverity.put(severity, Counter.builder("storepulse.fraud.alerts")
                        .description("Fraud alerts emitted, by rule and severity")
                        .tag("rule", rule.name())
                        .tag("severity", severity.name())
                        .register(registry));
            }
            alerts.put(rule, bySeverity);
        }
        this.detectionLatency = Timer.builder("storepulse.fraud.detection.latency")
                .description("Wall-clock time from the triggering event's write to its fraud alert")
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500),
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10))
                .register(registry);
    }

    private static Counter sessions(MeterRegistry registry, boolean converted) {
        return Counter.builder("storepulse.sessions")
                .description("Sessions that became final (no accepted event can reach them any more)")
                .tag("converted", Boolean.toString(converted))
                .register(registry);
    }

    @Override
    public void count(String topic, String route) {
        count(topic, route, 1);
    }

    private void count(String topic, String route, double amount) {
        routes.computeIfAbsent(topic, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(route, r -> registry.counter("storepulse.processor.records", "topic", topic,
                        "route", route))
                .increment(amount);
    }

    @Override
    public void accepted(String topic, long eventTimeMillis) {
        count(topic, VALID);
        AtomicLong newest = newestEventTime.get(topic);
        if (newest != null && eventTimeMillis > newest.get()) {
            newest.set(eventTimeMillis);
        }
    }

    @Override
    public void purchased(long cents) {
        purchases.increment();
        revenue.increment(cents / 100.0);
    }

    @Override
    public void sessionFinal(boolean converted) {
        (converted ? convertedSessions : otherSessions).increment();
    }

    @Override
    public void alerted(FraudAlert alert, long latencyMillis) {
        alerts.get(alert.getRule()).get(alert.getSeverity()).increment();
        detectionLatency.record(Math.max(0, latencyMillis), TimeUnit.MILLISECONDS);
    }
}
