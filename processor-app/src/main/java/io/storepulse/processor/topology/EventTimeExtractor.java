package io.storepulse.processor.topology;

import io.storepulse.model.validation.EventRules;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

import java.util.function.LongSupplier;

/**
 * Checks each input record against the contract's rules and gives Kafka Streams its place in event time. The
 * timestamp is the partition's stream time: the newest event time of the valid events on the partition up to
 * this one. An older valid event keeps the stream time (it arrived late and keeps its place behind what was written
 * before it); an undecodable or invalid record keeps it too, so no record the gate rejects moves the partition.
 *
 * <p>Kafka Streams keeps the highest timestamp it has taken from each partition (its partition time), passes it to
 * the next extraction and commits it with the partition's offset, in the same transaction as the state and the
 * outputs. It is therefore the stream time CONTRACT section 7 judges lateness by, exact across restarts and
 * crashes, and the extractor hands it to {@link InputGate} with the record ({@link InboundRecord#streamTimeBefore()})
 * instead of the gate keeping its own copy in a store.
 *
 * <p>The order follows: a task merges its input partitions (a user's clicks and purchases) by these timestamps, the
 * same way on every run over the same records, whenever both have records waiting or known to be on the broker
 * ({@code max.task.idle.ms} 0, the default); a partition with nothing left to read is not waited for. Only the order
 * and the stream time come from here: the gate forwards each record with its broker write time, which the
 * detection latency and the outputs' timestamps use.
 */
final class EventTimeExtractor implements TimestampExtractor {

    private final EventRules rules;
    private final LongSupplier wallClock;

    EventTimeExtractor(EventRules rules, LongSupplier wallClock) {
        this.rules = rules;
        this.wallClock = wallClock;
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long watermark = Math.max(partitionTime, 0L);
        if (!(record.value() instanceof InboundRecord inbound)) {
            return watermark;
        }
        inbound.writtenAt(record.timestamp());
        inbound.streamTimeBefore(partitionTime);
        inbound.validate(rules, EventRules.receivedAt(record.timestamp(), wallClock.getAsLong()));
        return inbound.event() == null ? watermark : Math.max(inbound.event().eventTimeMillis(), watermark);
    }
}
