package io.storepulse.serving.features;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.storepulse.avro.UserFeatures;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.CodecException;
import io.storepulse.model.codec.Codecs;
import io.storepulse.service.kafka.ClientConfigs;
import io.storepulse.serving.config.ServingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rebuilds the features in Redis from the compacted {@code user-features} topic when Redis has lost them (restarted
 * empty, flushed, replaced). Redis records which partitions of the topic it holds ({@link FeatureStore#loaded()});
 * every {@code rebuild-check-every} this instance reads that record and re-reads each missing partition from its
 * beginning with a consumer of its own (no group, read_committed), writing each record as the live consumer does, the
 * newest winning, and skipping those whose last update is older than the TTL (they would have expired). Then the
 * partition is recorded as held. Until then {@link #holds(String)} is false for its users, and the endpoint answers
 * {@code 503} instead of {@code 404} for a user it cannot find.
 *
 * <p>The live consumer keeps writing meanwhile; both writes compare versions, so their order does not matter. Several
 * instances may rebuild the same partition at once: the writes are the same, so that costs only time.
 */
@ApplicationScoped
public class FeatureRebuild {

    private static final Logger LOG = Logger.getLogger(FeatureRebuild.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final FeatureStore store;
    private final Map<String, Object> consumerConfig;
    private final Duration checkEvery;
    private final Duration ttl;
    private final AtomicInteger rebuilding = new AtomicInteger();
    private final Counter written;
    private final Counter superseded;
    private final Counter expired;
    private final Counter undecodable;
    private ScheduledExecutorService checker;
    /** The partitions of user-features, once known (0 before). */
    private volatile int partitions;

    /** {@code kafkaConfig}: the app's whole Kafka configuration ({@code kafka.*}, security included). */
    public FeatureRebuild(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, FeatureStore store,
                          ServingConfig config, MeterRegistry registry) {
        this.store = store;
        this.checkEvery = config.features().rebuildCheckEvery();
        this.ttl = config.features().ttl();
        this.consumerConfig = ClientConfigs.committedReader(kafkaConfig, "storepulse-serving-features-rebuild");
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        registry.gauge("storepulse.serving.features.rebuilding.partitions", rebuilding);
        this.written = rebuilt(registry, "written");
        this.superseded = rebuilt(registry, "superseded");
        this.expired = rebuilt(registry, "expired");
        this.undecodable = rebuilt(registry, "undecodable");
    }

    private static Counter rebuilt(MeterRegistry registry, String outcome) {
        return registry.counter("storepulse.serving.features.rebuilt.records", "outcome", outcome);
    }

    void start(@Observes StartupEvent event) {
        checker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "features-rebuild");
            thread.setDaemon(true);
            return thread;
        });
        checker.scheduleWithFixedDelay(this::check, 0, checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (checker != null) {
            checker.shutdownNow();
            checker.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Whether Redis holds the features of {@code userId}'s partition; false while it is rebuilt or not yet known. */
    public Uni<Boolean> holds(String userId) {
        int known = partitions;
        if (known == 0) {
            return Uni.createFrom().item(false);
        }
        return store.holds(partitionOf(userId, known));
    }

    /** Where Kafka Streams' default partitioner puts a user's record: murmur2 of the key's bytes. */
    static int partitionOf(String userId, int partitions) {
        return Utils.toPositive(Utils.murmur2(userId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private void check() {
        try {
            FeatureStore.Loaded loaded = store.loaded();
            if (partitions > 0 && loaded.partitions().size() >= partitions) {
                return;
            }
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                partitions = consumer.partitionsFor(Topics.USER_FEATURES, Duration.ofSeconds(10)).size();
                for (int partition = 0; partition < partitions; partition++) {
                    if (!loaded.partitions().contains(partition)) {
                        rebuild(consumer, partition, loaded.generation());
                    }
                }
            }
        } catch (RuntimeException e) {
            // Redis or Kafka away: the next check tries again, from the beginning of the partition.
            LOG.warnf("cannot check or rebuild the features in Redis (%s); retrying in %d ms", e.getMessage(),
                    checkEvery.toMillis());
        }
    }

    private void rebuild(KafkaConsumer<String, byte[]> consumer, int partition, String generation) {
        TopicPartition topicPartition = new TopicPartition(Topics.USER_FEATURES, partition);
        long started = System.nanoTime();
        rebuilding.incrementAndGet();
        try {
            consumer.assign(List.of(topicPartition));
            consumer.seekToBeginning(List.of(topicPartition));
            long end = consumer.endOffsets(List.of(topicPartition)).get(topicPartition);
            LOG.infof("Redis holds no features of user-features partition %d: rebuilding it from the topic (%d offsets)",
                    partition, end);
            long records = 0;
            while (consumer.position(topicPartition) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end) {
                        write(record);
                        records++;
                    }
                }
            }
            if (store.markLoaded(partition, generation)) {
                LOG.infof("rebuilt user-features partition %d in Redis: %d records in %d ms", partition, records,
                        Duration.ofNanos(System.nanoTime() - started).toMillis());
            } else {
                LOG.warnf("Redis lost the features again while partition %d was rebuilt: rebuilding it again", partition);
            }
        } finally {
            rebuilding.decrementAndGet();
        }
    }

    private void write(ConsumerRecord<String, byte[]> record) {
        UserFeatures features;
        try {
            features = Codecs.FEATURES.decode(record.value());
        } catch (CodecException e) {
            undecodable.increment();
            return;
        }
        if (features.getUpdatedAt().toEpochMilli() < System.currentTimeMillis() - ttl.toMillis()) {
            expired.increment();
            return;
        }
        (store.upsert(features) ? written : superseded).increment();
    }
}
