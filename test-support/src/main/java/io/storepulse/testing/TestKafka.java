package io.storepulse.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Writes to the test broker, and reads what really landed on a topic of it, committed transactions only. */
public final class TestKafka {

    private static KafkaProducer<String, byte[]> producer;

    private TestKafka() {
    }

    /** Writes one record (acks=all) and returns once the broker has it. */
    public static void send(String topic, String key, byte[] value) {
        send(topic, key, value, new RecordHeaders());
    }

    /** Writes one record with {@code headers} (acks=all) and returns once the broker has it. */
    public static synchronized void send(String topic, String key, byte[] value, Headers headers) {
        if (producer == null) {
            producer = producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"));
        }
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not write to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** A new producer to the test broker (logged in on a secured stack) with {@code settings} on top; the caller closes it. */
    public static KafkaProducer<String, byte[]> producer(Map<String, Object> settings) {
        Map<String, Object> config = StorePulseTestResource.kafkaClientConfig();
        config.putAll(settings);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * A new key, starting with {@code prefix}, that the default partitioner (the producers' and Kafka Streams') puts on
     * {@code key}'s partition of {@code topic}: a record under it, written after one under {@code key}, is read after
     * it, so seeing its effect proves the earlier record was handled.
     */
    public static String keyOnSamePartition(String topic, String key, String prefix) {
        int partitions = partitionCount(topic);
        int target = partitionOf(key, partitions);
        for (int i = 0; ; i++) {
            if (partitionOf(prefix + i, partitions) == target) {
                return prefix + i;
            }
        }
    }

    /** The partition of {@code topic} the default partitioner (the producers' and Kafka Streams') gives {@code key}. */
    public static int partitionOf(String topic, String key) {
        return partitionOf(key, partitionCount(topic));
    }

    private static int partitionCount(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return consumer.partitionsFor(topic).size();
        }
    }

    private static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    public static KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = StorePulseTestResource.kafkaClientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Every committed record of {@code topic} that matches {@code filter}, from the beginning to the end each partition
     * has now (its last stable offset): unlike {@link #read}, it cannot stop short of records already there.
     */
    public static List<ConsumerRecord<String, byte[]>> readToEnd(String topic, Predicate<ConsumerRecord<String, byte[]>> filter) {
        List<ConsumerRecord<String, byte[]>> matched = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = fromTheBeginning(consumer, topic);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + ends + " in 60 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))
                            && filter.test(record)) {
                        matched.add(record);
                    }
                }
            }
        }
        return matched;
    }

    /**
     * Every record of {@code topic} from the beginning that matches {@code filter}, polling until {@code expected}
     * matched or {@code timeout} passed (then returns what it has: the caller asserts).
     */
    public static List<ConsumerRecord<String, byte[]>> read(String topic, Predicate<ConsumerRecord<String, byte[]>> filter,
                                                            int expected, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> matched = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = fromTheBeginning(consumer, topic);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (matched.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (filter.test(record)) {
                        matched.add(record);
                    }
                }
            }
        }
        return matched;
    }

    /** Assigns every partition of {@code topic} to {@code consumer}, at its beginning. */
    private static List<TopicPartition> fromTheBeginning(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }
}
