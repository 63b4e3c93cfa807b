package io.storepulse.processor.topology;

import io.micrometer.core.instrument.MeterRegistry;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.AvroCodec;
import io.storepulse.model.validation.EventKind;
import io.storepulse.model.validation.EventRules;
import io.storepulse.processor.config.ProcessorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/** The processor's topology. Node names are constants here; the stages live in their own classes. */
@ApplicationScoped
public class TopologyProducer {

    private final ProcessorConfig config;
    private final MeterRegistry registry;

    public TopologyProducer(ProcessorConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    @Produces
    public Topology topology() {
        return build(new EventRules(config.validation().maxFutureSkew()),
                (topic, route) -> registry.counter("storepulse.processor.records", "topic", topic, "route", route)
                        .increment());
    }

    static Topology build(EventRules rules, InputValidator.RouteCounter counter) {
        Topology topology = new Topology();
        for (EventKind kind : EventKind.values()) {
            addInput(topology, kind.topic(), kind.codec(), rules, counter);
        }
        return topology;
    }

    private static void addInput(Topology topology, String topic, AvroCodec<?> codec, EventRules rules,
                                 InputValidator.RouteCounter counter) {
        String source = topic + "-source";
        String validator = topic + "-validate";
        String deadLetters = topic + "-dlq";
        topology.addSource(source, new StringDeserializer(), new ByteArrayDeserializer(), topic);
        topology.addProcessor(validator, () -> new InputValidator<>(codec, rules, deadLetters, null, counter), source);
        topology.addSink(deadLetters, Topics.deadLetterOf(topic), new StringSerializer(), rawBytes(), validator);
    }

    @SuppressWarnings("unchecked")
    private static Serializer<Object> rawBytes() {
        Serializer<?> bytes = new ByteArraySerializer();
        return (Serializer<Object>) bytes;
    }
}
