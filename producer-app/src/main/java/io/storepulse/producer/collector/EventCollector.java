package io.storepulse.producer.collector;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.storepulse.model.validation.EventJsonReader;
import io.storepulse.model.validation.EventRules;
import io.storepulse.model.validation.ValidatedEvent;
import io.storepulse.producer.config.ProducerConfig;
import io.storepulse.producer.kafka.EventWriter;
import io.storepulse.producer.kafka.OutgoingRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Parses and validates a request body, writes the valid events, and tells which were rejected. */
@ApplicationScoped
public class EventCollector {

    static final String SOURCE = "collector";

    private final EventJsonReader reader;
    private final EventWriter writer;
    private final MeterRegistry registry;
    private final Clock clock;

    public EventCollector(ProducerConfig config, EventWriter writer, MeterRegistry registry) {
        this.reader = new EventJsonReader(new EventRules(config.collector().maxFutureSkew()),
                config.collector().maxEvents(), config.collector().maxEventBytes());
        this.writer = writer;
        this.registry = registry;
        this.clock = Clock.systemUTC();
    }

    /**
     * Completes with the response once every valid event is acknowledged by Kafka; fails with
     * {@link EventJsonReader.NotJsonException}, {@link EventJsonReader.TooManyEventsException} or a write failure.
     */
    public Uni<CollectResponse> collect(byte[] body, boolean ndjson) {
        return write(ndjson ? reader.readNdjson(body, clock.instant()) : reader.readArray(body, clock.instant()));
    }

    private Uni<CollectResponse> write(EventJsonReader.Batch batch) {
        List<OutgoingRecord> records = new ArrayList<>(batch.accepted().size());
        for (ValidatedEvent event : batch.accepted()) {
            records.add(new OutgoingRecord(event.kind().topic(), event.key(), event.kind().encode(event.record()),
                    event.eventTimeMillis()));
        }
        List<CollectResponse.Rejected> rejected = batch.rejected().stream()
                .map(rejection -> new CollectResponse.Rejected(rejection.index(), rejection.errors()))
                .toList();
        registry.counter("storepulse.collector.events", "result", "rejected").increment(rejected.size());
        return writer.writeAll(records, SOURCE)
                .invoke(() -> registry.counter("storepulse.collector.events", "result", "accepted").increment(records.size()))
                .map(ignored -> new CollectResponse(records.size(), rejected));
    }
}
