package io.storepulse.serving.alerts;

import io.storepulse.model.Topics;
import io.storepulse.model.codec.CodecException;
import io.storepulse.model.codec.Codecs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the alerts between two positions straight from fraud-alerts: for a client resuming from further back than
 * the alerts kept in memory. Bounded by the positions, and by a deadline.
 */
final class AlertRange {

    private AlertRange() {
    }

    static List<AlertEntry> read(Map<String, Object> consumerConfig, ResumeToken from, ResumeToken until,
                                 int partitions, Duration deadline) {
        List<AlertEntry> entries = new ArrayList<>();
        ResumeToken seen = from;
        long stopAt = System.nanoTime() + deadline.toNanos();
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> wanted = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                if (from.next(p) < until.next(p)) {
                    wanted.add(new TopicPartition(Topics.FRAUD_ALERTS, p));
                }
            }
            kafka.assign(wanted);
            wanted.forEach(partition -> kafka.seek(partition, from.next(partition.partition())));
            while (!wanted.isEmpty() && System.nanoTime() < stopAt) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= until.next(record.partition())) {
                        continue;
                    }
                    seen = seen.after(record.partition(), record.offset());
                    try {
                        entries.add(new AlertEntry(record.partition(), record.offset(),
                                Codecs.FRAUD_ALERT.decode(record.value()), seen));
                    } catch (CodecException e) {
                        // not an alert: skipped here as in the log
                    }
                }
                wanted.removeIf(partition -> kafka.position(partition) >= until.next(partition.partition()));
                kafka.assign(wanted);
            }
            if (!wanted.isEmpty()) {
                throw new IllegalStateException("could not read the missed alerts within " + deadline);
            }
        }
        return entries;
    }
}
