package io.storepulse.processor.topology;

import io.micrometer.core.instrument.MeterRegistry;
import io.storepulse.model.Topics;
import io.storepulse.model.validation.EventKind;
import io.storepulse.model.validation.EventRules;
import io.storepulse.processor.config.ProcessorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;

/** The processor's topology. Node and store names are constants here; the stages live in their own classes. */
@ApplicationScoped
public class TopologyProducer {

    /** Newest event time per input partition of clicks and purchases (their tasks are co-partitioned). */
    public static final String USER_STREAM_TIME_STORE = "user-input-stream-time";
    /** Newest event time per input partition of inventory events. */
    public static final String INVENTORY_STREAM_TIME_STORE = "inventory-input-stream-time";

    private final ProcessorConfig config;
    private final MeterRegistry registry;

    public TopologyProducer(ProcessorConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    @Produces
    public Topology topology() {
        return build(new EventRules(config.validation().maxFutureSkew()), config.grace(),
                (topic, route) -> registry.counter("storepulse.processor.records", "topic", topic, "route", route)
                        .increment());
    }

    static Topology build(EventRules rules, Duration grace, InputGate.RouteCounter counter) {
        Topology topology = new Topology();
        for (EventKind kind : EventKind.values()) {
            addInput(topology, kind, rules, grace, counter);
        }
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(USER_STREAM_TIME_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled(),
                gateName(EventKind.CLICK), gateName(EventKind.PURCHASE));
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INVENTORY_STREAM_TIME_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled(), gateName(EventKind.INVENTORY));
        return topology;
    }

    private static void addInput(Topology topology, EventKind kind, EventRules rules, Duration grace,
                                 InputGate.RouteCounter counter) {
        String topic = kind.topic();
        String source = topic + "-source";
        String gate = gateName(kind);
        String deadLetters = topic + "-dlq";
        String late = topic + "-late";
        String store = kind == EventKind.INVENTORY ? INVENTORY_STREAM_TIME_STORE : USER_STREAM_TIME_STORE;
        topology.addSource(source, new StringDeserializer(), new ByteArrayDeserializer(), topic);
        topology.addProcessor(gate, () -> new InputGate(kind, rules, grace, store,
                new InputGate.Sinks(deadLetters, late, null), counter), source);
        topology.addSink(deadLetters, Topics.deadLetterOf(topic), new StringSerializer(), rawBytes(), gate);
        topology.addSink(late, Topics.LATE_EVENTS, new StringSerializer(), rawBytes(), gate);
    }

    static String gateName(EventKind kind) {
        return kind.topic() + "-gate";
    }

    @SuppressWarnings("unchecked")
    private static Serializer<Object> rawBytes() {
        Serializer<?> bytes = new ByteArraySerializer();
        return (Serializer<Object>) bytes;
    }
}
