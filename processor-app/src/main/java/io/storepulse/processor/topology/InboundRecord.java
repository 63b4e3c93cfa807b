package io.storepulse.processor.topology;

import io.storepulse.model.codec.CodecException;
import io.storepulse.model.validation.EventKind;
import io.storepulse.model.validation.EventRules;
import io.storepulse.model.validation.ValidatedEvent;
import io.storepulse.model.validation.ValidatedEvents;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Instant;
import java.util.List;

/**
 * An input record as read from its topic, decoded once: its original bytes (what a DLQ or late-events copy must
 * carry unchanged), the decoded event or why it could not be decoded. {@link EventTimeExtractor} adds, as the record
 * reaches the head of its partition's queue, the time the broker wrote it, the rules it breaks (or the event, typed,
 * when it breaks none), and its partition's stream time before it; {@link InputGate} routes it by those.
 */
final class InboundRecord {

    private final EventKind kind;
    private final byte[] bytes;
    private final SpecificRecord decoded;
    private final CodecException failure;
    private long writtenAt;
    private List<String> errors = List.of();
    private ValidatedEvent event;
    private long streamTimeBefore = -1;

    private InboundRecord(EventKind kind, byte[] bytes, SpecificRecord decoded, CodecException failure) {
        this.kind = kind;
        this.bytes = bytes;
        this.decoded = decoded;
        this.failure = failure;
    }

    static InboundRecord decode(EventKind kind, byte[] bytes) {
        try {
            return new InboundRecord(kind, bytes, kind.codec().decode(bytes), null);
        } catch (CodecException e) {
            return new InboundRecord(kind, bytes, null, e);
        }
    }

    byte[] bytes() {
        return bytes;
    }

    /** The decoded event; null when {@link #failure()} says why there is none. */
    SpecificRecord decoded() {
        return decoded;
    }

    CodecException failure() {
        return failure;
    }

    /** The record's broker timestamp, as Kafka gave it before the event time replaced it in the stream. */
    long writtenAt() {
        return writtenAt;
    }

    void writtenAt(long millis) {
        this.writtenAt = millis;
    }

    /** Checks the decoded event against the contract's rules as of {@code now}; nothing to check when undecoded. */
    void validate(EventRules rules, Instant now) {
        if (decoded != null) {
            errors = rules.validate(decoded, now);
            event = errors.isEmpty() ? ValidatedEvents.of(kind, decoded) : null;
        }
    }

    /** The contract's rules the decoded event breaks; empty when it is valid or when it was not decoded. */
    List<String> errors() {
        return errors;
    }

    /** The event, typed, once {@link #validate} found it breaks no rule; null otherwise. */
    ValidatedEvent event() {
        return event;
    }

    /** The newest valid event time of the record's partition before it; negative when there is none yet. */
    long streamTimeBefore() {
        return streamTimeBefore;
    }

    void streamTimeBefore(long millis) {
        this.streamTimeBefore = millis;
    }

    /** Decodes each value of one input topic; never throws, so a bad record reaches the gate and its DLQ. */
    static Deserializer<InboundRecord> deserializer(EventKind kind) {
        return (topic, bytes) -> decode(kind, bytes);
    }
}
