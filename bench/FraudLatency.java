import io.storepulse.traffic.GeneratedRecord;
import io.storepulse.traffic.Origin;
import io.storepulse.traffic.TrafficConfig;
import io.storepulse.traffic.TrafficGenerator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.storepulse.avro.FraudAlert;
import io.storepulse.model.codec.Codecs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Detection latency of the fraud rules under paced load. For each rate: generated traffic (fraud ratio 0.01) is
 * written at that many events per second of wall clock, with event times following the wall clock; a
 * read_committed consumer of fraud-alerts takes, per alert, the moment it arrives minus the moment the broker
 * appended the triggering event (input topics use LogAppendTime; the producer's metadata returns it). The
 * triggering event is the fraudster's event with the alert's user and event_time.
 *
 * Usage (see bench/fraud-latency.sh): java -cp CLASSPATH bench/FraudLatency.java BOOTSTRAP RATES SECONDS
 */
public class FraudLatency {

    /** Traffic before this is not measured: the JIT, the first transactions and the first fetches settle. */
    static final long DEFAULT_WARM_UP_SECONDS = 20;
    static final long SLOW_MILLIS = 500;

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        long warmUp = args.length > 3 ? Long.parseLong(args[3]) : DEFAULT_WARM_UP_SECONDS;
        for (String rate : args[1].split(",")) {
            run(bootstrap, Integer.parseInt(rate.trim()), Long.parseLong(args[2]), warmUp);
        }
    }

    static void run(String bootstrap, int rate, long measured, long warmUp) throws Exception {
        long seconds = warmUp + measured;
        Map<String, Long> appendedAt = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        // Alerts slower than SLOW_MILLIS by the 5 s slice of the run they arrived in: tells a stall from a slow run.
        Map<Long, long[]> slow = new ConcurrentSkipListMap<>();
        List<FraudAlert> unmatched = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        long measuredFrom = System.currentTimeMillis() + warmUp * 1000;
        KafkaConsumer<String, byte[]> consumer = consumer(bootstrap);
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    long arrived = System.currentTimeMillis();
                    FraudAlert alert = Codecs.FRAUD_ALERT.decode(record.value());
                    Long appended = appendedAt.get(alert.getUserId() + "@" + alert.getEventTime().toEpochMilli());
                    if (appended == null) {
                        unmatched.add(alert);
                    } else if (appended >= measuredFrom) {
                        latencies.add(arrived - appended);
                        if (arrived - appended > SLOW_MILLIS) {
                            long[] countAndMax = slow.computeIfAbsent((arrived - measuredFrom) / 5_000 * 5 + warmUp,
                                    slice -> new long[2]);
                            countAndMax[0]++;
                            countAndMax[1] = Math.max(countAndMax[1], arrived - appended);
                        }
                    }
                }
            }
            consumer.close();
        });
        reader.start();

        TrafficGenerator generator = new TrafficGenerator(TrafficConfig.defaults().withSeed(1000L + rate)
                .withStart(Instant.now()).withRate(rate).withFraudRatio(0.01));
        long sent = 0;
        long started = System.currentTimeMillis();
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            while (System.currentTimeMillis() - started < seconds * 1000) {
                GeneratedRecord record = generator.next();
                if (record.origin() == Origin.GROUND_TRUTH) {
                    continue;
                }
                long wait = record.timestamp() - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                String triggerKey = record.origin() == Origin.FRAUD ? record.key() + "@" + record.timestamp() : null;
                producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value()), (metadata, error) -> {
                    if (error == null && triggerKey != null) {
                        appendedAt.put(triggerKey, metadata.timestamp());
                    }
                });
                sent++;
            }
        }
        double elapsed = (System.currentTimeMillis() - started) / 1000.0;
        Thread.sleep(5_000);
        stop.set(true);
        reader.join();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("rate %,d/s: sent %,d records in %.1f s (%,.0f/s, the first %d s warm-up); %,d alerts measured, "
                        + "%d without a matched trigger; latency ms p50 %s  p95 %s  p99 %s  p99.9 %s  max %s%n",
                rate, sent, elapsed, sent / elapsed, warmUp, sorted.size(), unmatched.size(),
                percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99),
                percentile(sorted, 0.999), sorted.isEmpty() ? "-" : sorted.get(sorted.size() - 1));
        if (!slow.isEmpty()) {
            StringBuilder slices = new StringBuilder();
            slow.forEach((from, countAndMax) -> slices.append(String.format(" %d-%d s: %d (max %,d ms);", from,
                    from + 5, countAndMax[0], countAndMax[1])));
            System.out.printf("  alerts slower than %d ms, by when they arrived (seconds after the start):%s%n",
                    SLOW_MILLIS, slices);
        }
    }

    static String percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return "-";
        }
        return Long.toString(sorted.get((int) Math.ceil(q * sorted.size()) - 1));
    }

    static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor("fraud-alerts").stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), new ByteArraySerializer());
    }
}
