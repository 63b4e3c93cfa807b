package io.storepulse.processor.topology;

import io.storepulse.model.Topics;
import io.storepulse.model.codec.CodecException;
import io.storepulse.model.validation.EventKind;
import io.storepulse.model.validation.EventRules;
import io.storepulse.model.validation.ValidatedEvent;
import io.storepulse.model.validation.ValidatedEvents;
import io.storepulse.processor.errors.DeadLetter;
import io.storepulse.processor.errors.InvalidEventException;
import io.storepulse.processor.errors.LateEventException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * First stage of every input record, and the only place that still holds its original bytes:
 * <ol>
 *   <li>check that it decoded ({@link InboundRecord}) and the contract's rules; a failure goes, unchanged, to the
 *       topic's DLQ;</li>
 *   <li>judge lateness on the record's input partition (CONTRACT section 7): an event older than the partition's
 *       stream time (the newest event time seen on it) minus the grace goes, unchanged, to {@code late-events}
 *       with {@code late.by.ms};</li>
 *   <li>forward the rest, typed, to {@code downstream}.</li>
 * </ol>
 * Every record leaves with its broker write time as its timestamp: the stream orders inputs by event time
 * ({@link EventTimeExtractor}), the outputs and the detection latency keep using the write time.
 * Stream time lives in a state store, so it survives restarts exactly as the offsets it belongs to. Each gate tells
 * the {@link CommitPace} when its records were written, and asks its task for the pace's commits.
 */
final class InputGate implements Processor<String, InboundRecord, String, Object> {

    private static final Logger LOG = Logger.getLogger(InputGate.class);

    private final EventKind kind;
    private final EventRules rules;
    private final long graceMillis;
    private final String streamTimeStore;
    private final Sinks sinks;
    private final RouteCounter counter;
    private final CommitPace pace;
    private CommitPace.Member commits;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, Long> streamTimes;
    /** The store's key and value for the partition this gate reads, kept here so each record reads no store. */
    private int streamTimePartition;
    private String streamTimeKey;
    private Long streamTime;

    /** Counts each record's route: {@code valid}, {@code dlq} or {@code late}. */
    interface RouteCounter {
        void count(String topic, String route);

        /** A valid, on-time event with its event time. */
        default void accepted(String topic, long eventTimeMillis) {
            count(topic, "valid");
        }
    }

    /** Child node names: dead letters, late events, and where valid on-time events go (null: nowhere yet). */
    record Sinks(String deadLetters, String late, String downstream) {
    }

    InputGate(EventKind kind, EventRules rules, Duration grace, String streamTimeStore, Sinks sinks,
              RouteCounter counter, CommitPace pace) {
        this.kind = kind;
        this.rules = rules;
        this.graceMillis = grace.toMillis();
        this.streamTimeStore = streamTimeStore;
        this.sinks = sinks;
        this.counter = counter;
        this.pace = pace;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.streamTimes = context.getStateStore(streamTimeStore);
        this.streamTimeKey = null;
        this.commits = pace.join(context);
    }

    @Override
    public void process(Record<String, InboundRecord> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        InboundRecord inbound = record.value();
        commits.handled(inbound.writtenAt(), context.currentSystemTimeMs());
        SpecificRecord decoded = inbound.decoded();
        if (decoded == null) {
            CodecException failure = inbound.failure();
            divert(record, source, null, sinks.deadLetters(), "dlq", failure.getClass().getName(), failure.getMessage(),
                    null);
            return;
        }
        List<String> errors = rules.validate(decoded, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        if (!errors.isEmpty()) {
            divert(record, source, eventIdOf(decoded), sinks.deadLetters(), "dlq", InvalidEventException.class.getName(),
                    new InvalidEventException(errors).getMessage(), null);
            return;
        }
        ValidatedEvent event = ValidatedEvents.of(kind, decoded);
        Long streamTime = streamTimeOf(source);
        if (streamTime != null && event.eventTimeMillis() < streamTime - graceMillis) {
            long lateBy = streamTime - event.eventTimeMillis();
            divert(record, source, event.eventId(), sinks.late(), "late", LateEventException.class.getName(),
                    LateEventException.message(event.eventTimeMillis(), streamTime, graceMillis), lateBy);
            return;
        }
        if (streamTime == null || event.eventTimeMillis() > streamTime) {
            this.streamTime = event.eventTimeMillis();
            streamTimes.put(streamTimeKey, event.eventTimeMillis());
        }
        counter.accepted(source.topic(), event.eventTimeMillis());
        if (sinks.downstream() != null) {
            // The write time travels on: downstream uses the event's own time, the alert latency this one.
            context.forward(new Record<String, Object>(event.key(), event, inbound.writtenAt(), record.headers()),
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

    /** The newest event time seen on the record's input partition; null before the first. */
    private Long streamTimeOf(RecordMetadata source) {
        if (streamTimeKey == null || source.partition() != streamTimePartition) {
            streamTimePartition = source.partition();
            streamTimeKey = source.topic() + "-" + source.partition();
            streamTime = streamTimes.get(streamTimeKey);
        }
        return streamTime;
    }

    private void divert(Record<String, InboundRecord> record, RecordMetadata source, String eventId, String sink,
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
        context.forward(new Record<String, Object>(record.key(), inbound.bytes(), inbound.writtenAt(), headers), sink);
    }
}
