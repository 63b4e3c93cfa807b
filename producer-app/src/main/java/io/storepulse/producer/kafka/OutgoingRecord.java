package io.storepulse.producer.kafka;

/** One record to write: its topic, key, value bytes and timestamp (the event time, in epoch ms). */
public record OutgoingRecord(String topic, String key, byte[] value, long timestamp) {
}
