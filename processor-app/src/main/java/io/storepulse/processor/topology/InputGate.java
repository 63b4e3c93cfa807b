package io.storepulse.processor.topology;

import io.storepulse.model.Topics;
import io.storepulse.model.codec.CodecException;
import io.storepulse.model.validation.ValidatedEvent;
import io.storepulse.processor.errors.DeadLetter;
import io.storepulse.processor.errors.InvalidEventException;
import io.storepulse.processor.errors.LateEventException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * First stage of every input record, and the only place that still holds its original bytes:
 * <ol>
 *   <li>a record that did not decode ({@link InboundRecord}) or breaks the contract's rules (checked by the
 *       {@link EventTimeExtractor}) goes, unchanged, to the topic's DLQ;</li>
 *   <li>judge lateness on the record's input partition (CONTRACT section 7): an event older than the partition's
 *       stream time (the newest valid event time before it, from the extractor) minus the grace goes, unchanged,
 *       to {@code late-events} with {@code late.by.ms};</li>
 *   <li>forward the rest, typed, to {@code downstream}.</li>
 * </ol>
 * Input keys stay the bytes they were written as: a diverted record keeps them exactly, an accepted one is keyed by
 * its event's {@code user_id} (inventory: {@code product_id}, {@link ValidatedEvent#key()}), so no key is decoded.
 * Every record leaves with its broker write time as its timestamp: the stream orders inputs by event time
 * ({@link EventTimeExtractor}), the outputs and the detection latency keep using the write time.
 * Each gate tells the {@link CommitPace} when its records were written, and asks its task for the pace's commits.
 */
final class InputGate implements Processor<byte[], InboundRecord, Object, Object> {

    private static final Logger LOG = Logger.getLogger(InputGate.class);

    private final long graceMillis;
    private final Sinks sinks;
    private final RouteCounter counter;
    private final CommitPace pace;
    private CommitPace.Member commits;
    private ProcessorContext<Object, Object> context;

    /** Counts each record's route: {@code valid}, {@code dlq} or {@code late}, and {@code duplicate} as well. */
    interface RouteCounter {
        String VALID = "valid";
        String DLQ = "dlq";
        String LATE = "late";
        /** A valid click or purchase seen before: counted under {@link #VALID} too. */
        String DUPLICATE = "duplicate";

        void count(String topic, String route);

        /** A valid, on-time event with its event time. */
        default void accepted(String topic, long eventTimeMillis) {
            count(topic, VALID);
        }
    }

    /** Child node names: dead letters, late events, and where valid on-time events go (null: nowhere yet). */
    record Sinks(String deadLetters, String late, String downstream) {
    }

    InputGate(Duration grace, Sinks sinks, RouteCounter counter, CommitPace pace) {
        this.graceMillis = grace.toMillis();
        this.sinks = sinks;
        this.counter = counter;
        this.pace = pace;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.commits = pace.join(context);
    }

    @Override
    public void process(Record<byte[], InboundRecord> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        InboundRecord inbound = record.value();
        commits.handled(inbound.writtenAt(), context.currentSystemTimeMs());
        SpecificRecord decoded = inbound.decoded();
        if (decoded == null) {
            CodecException failure = inbound.failure();
            divert(record, source, null, sinks.deadLetters(), RouteCounter.DLQ, failure.getClass().getName(),
                    failure.getMessage(), null);
            return;
        }
        List<String> errors = inbound.errors();
        if (!errors.isEmpty()) {
            divert(record, source, eventIdOf(decoded), sinks.deadLetters(), RouteCounter.DLQ,
                    InvalidEventException.class.getName(), new InvalidEventException(errors).getMessage(), null);
            return;
        }
        ValidatedEvent event = inbound.event();
        long streamTime = inbound.streamTimeBefore();
        if (streamTime >= 0 && event.eventTimeMillis() < streamTime - graceMillis) {
            long lateBy = streamTime - event.eventTimeMillis();
            divert(record, source, event.eventId(), sinks.late(), RouteCounter.LATE, LateEventException.class.getName(),
                    LateEventException.message(event.eventTimeMillis(), streamTime, graceMillis), lateBy);
            return;
        }
        counter.accepted(source.topic(), event.eventTimeMillis());
        if (sinks.downstream() != null) {
            // The write time travels on: downstream uses the event's own time, the alert latency this one.
            context.forward(new Record<Object, Object>(event.key(), event, inbound.writtenAt(), record.headers()),
                    sinks.downstream());
        }
    }

    /** One debug line per diverted record, with its {@code event_id} (when it has a readable one) in the log context. */
    private static void logDiverted(RecordMetadata source, String eventId, String route, String message) {
        if (eventId != null) {
            MDC.put("event_id", eventId);
        }
        try {
            LOG.debugf("%s-%d@%d %s: %s", source.topic(), source.partition(), source.offset(), route, message);
        } finally {
            MDC.remove("event_id");
        }
    }

    /** The {@code event_id} of a decoded but invalid event, if it has a string one. */
    private static String eventIdOf(SpecificRecord decoded) {
        org.apache.avro.Schema.Field field = decoded.getSchema().getField("event_id");
        Object id = field == null ? null : decoded.get(field.pos());
        return id == null ? null : id.toString();
    }

    private void divert(Record<byte[], InboundRecord> record, RecordMetadata source, String eventId, String sink,
                        String route, String errorClass, String message, Long lateByMillis) {
        counter.count(source.topic(), route);
        if (LOG.isDebugEnabled()) {
            logDiverted(source, eventId, route, message);
        }
        Headers headers = DeadLetter.headers(record.headers(), errorClass, message, source, context.currentSystemTimeMs());
        if (lateByMillis != null) {
            headers.add(Topics.Headers.LATE_BY_MS, Long.toString(lateByMillis).getBytes(StandardCharsets.UTF_8));
        }
        InboundRecord inbound = record.value();
        context.forward(new Record<Object, Object>(record.key(), inbound.bytes(), inbound.writtenAt(), headers), sink);
    }
}
