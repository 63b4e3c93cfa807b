package io.storepulse.processor.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code storepulse_processor_records_total{topic, route}}, each counter looked up once, not per record. */
final class RouteCounters implements InputGate.RouteCounter {

    private final MeterRegistry registry;
    private final Map<String, Map<String, Counter>> counters = new ConcurrentHashMap<>();

    RouteCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void count(String topic, String route) {
        counters.computeIfAbsent(topic, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(route, r -> registry.counter("storepulse.processor.records", "topic", topic,
                        "route", route))
                .increment();
    }
}
