package io.storepulse.model.validation;

import org.apache.avro.specific.SpecificRecord;

/** An input event that passed every rule: its kind, Kafka key, event time and Avro record. */
public record ValidatedEvent(EventKind kind, String key, String eventId, long eventTimeMillis, SpecificRecord record) {
}
