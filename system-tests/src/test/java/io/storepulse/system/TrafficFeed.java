package io.storepulse.system;

import io.storepulse.model.Topics;
import io.storepulse.traffic.GeneratedRecord;
import io.storepulse.traffic.Origin;
import io.storepulse.traffic.TrafficConfig;
import io.storepulse.traffic.TrafficGenerator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends generated traffic to the input topics at a steady pace (or as fast as it can, with a zero pace), with an
 * idempotent acks=all producer, and keeps every record as the broker stored it: topic, partition and offset from the
 * producer's record metadata. Ground-truth records are not sent, the processor never reads them; they are kept
 * aside for scoring.
 */
final class TrafficFeed {

    private final String bootstrap;
    private final TrafficGenerator generator;
    private final int records;
    private final Duration pace;
    private final AtomicLong sent = new AtomicLong();
    private final List<GeneratedRecord> groundTruth = new CopyOnWriteArrayList<>();
    private volatile Duration sendingTime;

    /** One input record as stored: where it is, its bytes, and why the generator made it. */
    record ProducedRecord(String topic, int partition, long offset, String key, byte[] value, Origin origin) {
    }

    private volatile long eventTime;

    /**
     * The default traffic of {@code seed}, {@code records} records at {@code eventTimeRate} per second of event time,
     * ending ten minutes before {@code now} or earlier: no event_time is ahead of the processor's clock. It starts on a
     * whole minute, so the same seed gives the same traffic, shifted in time.
     */
    static TrafficConfig pastTraffic(long seed, Instant now, int records, double eventTimeRate) {
        Instant start = now.minusSeconds((long) (records / eventTimeRate)).minus(10, ChronoUnit.MINUTES)
                .truncatedTo(ChronoUnit.MINUTES);
        return TrafficConfig.defaults().withSeed(seed).withStart(start).withRate(eventTimeRate);
    }

    TrafficFeed(String bootstrap, TrafficGenerator generator, int records, Duration pace) {
        this.bootstrap = bootstrap;
        this.generator = generator;
        this.records = records;
        this.pace = pace;
    }

    /** Starts sending on a thread of its own; completes once every record is acknowledged. */
    CompletableFuture<List<ProducedRecord>> start() {
        return CompletableFuture.supplyAsync(this::sendAll, task -> {
            Thread thread = new Thread(task, "traffic-feed");
            thread.setDaemon(true);
            thread.start();
        });
    }

    long sent() {
        return sent.get();
    }

    /** The latest event_time among the on-time records sent so far: where the traffic's clock is. */
    Instant eventTime() {
        return Instant.ofEpochMilli(eventTime);
    }

    /** The ground-truth records the generator made among the records sent so far. */
    List<GeneratedRecord> groundTruth() {
        return List.copyOf(groundTruth);
    }

    /** From the first send to the last acknowledgement; null until then. */
    Duration sendingTime() {
        return sendingTime;
    }

    private List<ProducedRecord> sendAll() {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 10);
        List<GeneratedRecord> generated = new ArrayList<>(records);
        List<Future<RecordMetadata>> acks = new ArrayList<>(records);
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            while (generated.size() < records) {
                GeneratedRecord record = generator.next();
                if (record.topic().equals(Topics.GROUND_TRUTH_FRAUD)) {
                    groundTruth.add(record);
                    continue;
                }
                awaitTurn(started, generated.size());
                generated.add(record);
                acks.add(producer.send(new ProducerRecord<>(record.topic(), null, record.timestamp(), record.key(),
                        record.value())));
                sent.incrementAndGet();
                if (record.origin() == Origin.NORMAL) {
                    eventTime = Math.max(eventTime, record.timestamp());
                }
            }
            producer.flush();
        }
        sendingTime = Duration.ofNanos(System.nanoTime() - started);
        return stored(generated, acks);
    }

    /** Sleeps until record {@code index} is due, so the records are spread evenly over the pace. */
    private void awaitTurn(long started, int index) {
        long due = started + pace.toNanos() * index / records;
        long wait = due - System.nanoTime();
        if (wait > 1_000_000) {
            LockSupport.parkNanos(wait);
        }
    }

    private static List<ProducedRecord> stored(List<GeneratedRecord> generated, List<Future<RecordMetadata>> acks) {
        List<ProducedRecord> stored = new ArrayList<>(generated.size());
        try {
            for (int i = 0; i < generated.size(); i++) {
                GeneratedRecord record = generated.get(i);
                RecordMetadata metadata = acks.get(i).get();
                stored.add(new ProducedRecord(record.topic(), metadata.partition(), metadata.offset(), record.key(),
                        record.value(), record.origin()));
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a record was not stored: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while collecting acknowledgements", e);
        }
        return stored;
    }
}
