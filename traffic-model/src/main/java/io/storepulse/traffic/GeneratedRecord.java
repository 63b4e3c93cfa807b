package io.storepulse.traffic;

import org.apache.avro.specific.SpecificRecord;

/**
 * One record ready for Kafka.
 *
 * @param topic     the topic to write to
 * @param key       the record key (user_id for clicks, purchases and ground truth; product_id for inventory)
 * @param value     the value bytes: Avro single-object encoding, ground-truth JSON, or garbage for MALFORMED
 * @param timestamp record timestamp in epoch ms: the event's event_time, the virtual time for MALFORMED and
 *                  GROUND_TRUTH records
 * @param origin    why the record is in the stream
 * @param event     the decoded event; null for MALFORMED and GROUND_TRUTH records
 */
public record GeneratedRecord(String topic, String key, byte[] value, long timestamp, Origin origin,
                              SpecificRecord event) {

    /** The same record sent again, unchanged, as a {@link Origin#DUPLICATE}. */
    GeneratedRecord resent() {
        return new GeneratedRecord(topic, key, value.clone(), timestamp, Origin.DUPLICATE, event);
    }
}
