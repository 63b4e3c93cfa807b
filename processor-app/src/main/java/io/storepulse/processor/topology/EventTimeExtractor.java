package io.storepulse.processor.topology;

import io.storepulse.model.validation.EventRules;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Orders a task's input partitions by event time, so that a user's clicks and purchases, two partitions of one
 * task, are merged the same way on every run over the same records (a replay, a restart after a crash, a copy on
 * another broker) instead of by the broker's append time, which depends on how the writes were batched.
 *
 * <p>The timestamp is the partition's own watermark: the event's time, or the newest one before it on the partition
 * when the event is older. An event that arrived late then keeps its place behind what was written before it, as
 * it was processed live, rather than jumping ahead of the other partition. A record without a plausible event time
 * (undecodable, or more than the allowed skew ahead of the clock, which the gate will send to its DLQ) keeps the
 * watermark as it is, so it cannot push the partition's order into the future.
 *
 * <p>Only the order changes: {@link InputGate} forwards each record with its broker write time, which the detection
 * latency and the outputs' timestamps use, as before. Kafka Streams merges by these timestamps whenever both
 * partitions have records waiting or known to be on the broker ({@code max.task.idle.ms} 0, the default); a
 * partition with nothing left to read is not waited for, so live processing takes records as they arrive.
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
        Instant eventTime = inbound.eventTime();
        if (eventTime == null || eventTime.toEpochMilli() < 0
                || rules.tooFarAhead(eventTime, Instant.ofEpochMilli(wallClock.getAsLong()))) {
            return watermark;
        }
        return Math.max(eventTime.toEpochMilli(), watermark);
    }
}
