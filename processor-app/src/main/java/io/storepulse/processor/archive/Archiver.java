package io.storepulse.processor.archive;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.storepulse.service.kafka.ClientConfigs;
import io.storepulse.model.validation.EventRules;
import io.storepulse.processor.config.ProcessorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Archives every valid input record and every fraud alert to S3 as Parquet, exactly once (CONTRACT section 10).
 *
 * <p>It is a plain consumer in its own group ({@code read_committed}) on its own thread, beside the Kafka Streams
 * topology and independent of it. Each partition it owns is cut into rolls: contiguous offset ranges, closed when the
 * roll interval has passed since the roll's first record (by the wall clock, so an idle partition is written too) or
 * when the roll is full. A roll becomes one object per hour of its records' times. The protocol per roll:
 * <ol>
 *   <li>commit the offset after the roll, with the roll's plan (range and hours) as the offset's metadata;</li>
 *   <li>only then upload its objects, each with a single PUT, retried until S3 takes it.</li>
 * </ol>
 * The commit is fenced by the group's generation: an instance that lost the partition in a rebalance cannot commit,
 * so it never uploads a roll of its own. Whoever owns a partition next reads the committed plan and checks that its
 * objects exist; where one is missing (a crash between the two steps, an upload that never finished) it reads the
 * same range again and writes the same rows under the same names. Names come from the range, contents from the
 * records of the range, so a zombie's late upload rewrites an object with the very rows it already holds, and no
 * record is ever in two objects or none. Only one roll per partition is ever committed and not yet uploaded.
 */
@ApplicationScoped
public class Archiver {

    private static final Logger LOG = Logger.getLogger(Archiver.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long LAG_REFRESH_MILLIS = 5_000;
    private static final long UPLOAD_RETRY_MILLIS = 5_000;
    private static final long YIELD_CHECK_MILLIS = 1_000;

    private final ArchiveConfig config;
    private final ArchiveStore store;
    private final ArchiveMetrics metrics;
    private final Map<String, Object> kafkaConfig;
    private final EventRules rules;
    private final TopologyLag topologyLag;
    private final YieldPolicy yieldPolicy;
    private final Map<TopicPartition, PartitionArchive> partitions = new HashMap<>();
    private volatile boolean running;
    private volatile String state = "starting";
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;
    private ExecutorService uploads;
    private long nextLagRefresh;
    private boolean memoryPaused;
    private boolean yielding;
    private long nextYieldCheck;

    public Archiver(ArchiveConfig config, ArchiveStore store, ArchiveMetrics metrics, ProcessorConfig processor,
                    @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, TopologyLag topologyLag) {
        this.config = config;
        this.topologyLag = topologyLag;
        this.yieldPolicy = new YieldPolicy(config.yieldAboveLag(), config.maxYield().toMillis());
        this.store = store;
        this.metrics = metrics;
        this.kafkaConfig = kafkaConfig;
        this.rules = new EventRules(processor.validation().maxFutureSkew());
    }

    void start(@Observes StartupEvent started) {
        if (!config.enabled()) {
            state = "disabled";
            return;
        }
        for (String topic : config.topics()) {
            metrics.register(ArchivedTopic.of(topic).topic());
        }
        running = true;
        uploads = Executors.newFixedThreadPool(2, task -> {
            Thread upload = new Thread(task, "storepulse-archive-upload");
            upload.setDaemon(true);
            return upload;
        });
        thread = new Thread(this::run, "storepulse-archiver");
        thread.start();
    }

    void stop(@Observes ShutdownEvent stopped) throws InterruptedException {
        if (thread == null) {
            return;
        }
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        thread.join(15_000);
        uploads.shutdown();
        // A committed roll not uploaded by now is written again by the next owner of its partition.
        uploads.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** What the archiver is doing, for its health check: running, waiting-for-bucket, restarting, disabled... */
    public String state() {
        return state;
    }

    public boolean enabled() {
        return config.enabled();
    }

    private void run() {
        long backoff = 1_000;
        while (running) {
            try {
                awaitBucket();
                session();
                backoff = 1_000;
            } catch (WakeupException e) {
                // stop() woke the consumer; the loop condition ends the thread.
            } catch (RuntimeException e) {
                state = "restarting";
                LOG.errorf(e, "archiver failed; restarting in %d ms from the committed plans", backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, 60_000);
            } finally {
                partitions.clear();
                memoryPaused = false;
                yielding = false;
                metrics.yielding(false);
            }
        }
        state = "stopped";
    }

    private void awaitBucket() {
        while (running) {
            try {
                if (store.bucketReady(config.bucket(), config.createBucket())) {
                    return;
                }
                state = "bucket-missing";
                LOG.errorf("archive bucket %s does not exist; create it (the launcher does for the local store)",
                        config.bucket());
            } catch (RuntimeException e) {
                state = "s3-unreachable";
                LOG.warnf("S3 unreachable before the archive starts (%s); records wait in Kafka", e.toString());
            }
            sleep(5_000);
        }
    }

    private void session() {
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(consumerConfig())) {
            consumer = kafka;
            kafka.subscribe(config.topics(), new Rebalance());
            state = "running";
            while (running) {
                ConsumerRecords<byte[], byte[]> records = kafka.poll(POLL);
                long now = System.currentTimeMillis();
                for (TopicPartition tp : records.partitions()) {
                    PartitionArchive partition = partitions.get(tp);
                    if (partition != null) {
                        accept(partition, records.records(tp), now);
                    }
                }
                for (PartitionArchive partition : new ArrayList<>(partitions.values())) {
                    advance(partition, now);
                }
                limitMemory(now);
                if (now >= nextYieldCheck) {
                    yieldToTopology(now);
                    nextYieldCheck = now + YIELD_CHECK_MILLIS;
                }
                if (now >= nextLagRefresh) {
                    refreshEndOffsets();
                    nextLagRefresh = now + LAG_REFRESH_MILLIS;
                }
                publishLag();
            }
        } finally {
            consumer = null;
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> props = ClientConfigs.committedReader(kafkaConfig, config.groupId());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // As the topology's: a killed instance's partitions move after 10 s, not the consumer default of 45 s.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /** Takes a partition's records in order; stops, rewinds and pauses the partition at the first it cannot take. */
    private void accept(PartitionArchive partition, List<ConsumerRecord<byte[], byte[]>> records, long now) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            boolean taken = accept(partition, record, now);
            if (taken) {
                partition.lastTaken = record.timestamp();
            }
            if (partition.rewound) {
                // A roll's commit failed and the partition was set back to the roll's first offset.
                partition.rewound = false;
                return;
            }
            if (!taken) {
                consumer.seek(partition.partition, record.offset());
                pause(partition);
                return;
            }
        }
    }

    private boolean accept(PartitionArchive partition, ConsumerRecord<byte[], byte[]> record, long now) {
        if (partition.redo != null) {
            if (record.offset() <= partition.redo.last()) {
                if (partition.redoRoll == null) {
                    partition.redoRoll = new Roll(partition.topic, partition.partition.partition(), now);
                }
                return add(partition.redoRoll, partition.topic, record);
            }
            sealRedo(partition);
        }
        if (partition.open == null) {
            partition.open = new Roll(partition.topic, partition.partition.partition(), now);
        }
        if (partition.open.records() >= config.rollSize() && !roll(partition)) {
            return false;
        }
        if (partition.open == null) {
            partition.open = new Roll(partition.topic, partition.partition.partition(), now);
        }
        if (!add(partition.open, partition.topic, record)) {
            if (!roll(partition)) {
                return false;
            }
            partition.open = new Roll(partition.topic, partition.partition.partition(), now);
            return add(partition.open, partition.topic, record);
        }
        return true;
    }

    /** Adds the record to the roll, as a row if it decodes and (for inputs) passes validation; false if full. */
    private boolean add(Roll roll, ArchivedTopic topic, ConsumerRecord<byte[], byte[]> record) {
        SpecificRecord decoded = decode(topic, record);
        if (decoded == null) {
            roll.cover(record.offset(), record.timestamp());
            return true;
        }
        long hour = ArchiveKeys.hourOf(topic.time(decoded));
        if (roll.full(hour)) {
            return false;
        }
        roll.cover(record.offset(), record.timestamp());
        roll.add(decoded, hour, record.offset());
        return true;
    }

    /**
     * The record as the archive keeps it, or null when the processor would send it to a DLQ. "Now" for the
     * future-skew rule is the record's broker write time (the processor's too, {@link EventRules#receivedAt}), and
     * never the clock, so the verdict is the same every time the range is read.
     */
    private SpecificRecord decode(ArchivedTopic topic, ConsumerRecord<byte[], byte[]> record) {
        SpecificRecord decoded;
        try {
            decoded = topic.codec().decode(record.value());
        } catch (RuntimeException e) {
            metrics.skipped(topic.topic(), "undecodable");
            return null;
        }
        if (topic.validated() && !rules.validate(decoded, EventRules.receivedAt(record.timestamp(), Long.MAX_VALUE)).isEmpty()) {
            metrics.skipped(topic.topic(), "invalid");
            return null;
        }
        return decoded;
    }

    /** Rolls, uploads, retries and resumes what is due on one partition. */
    private void advance(PartitionArchive partition, long now) {
        if (partition.redo != null && consumer.position(partition.partition) > partition.redo.last()) {
            sealRedo(partition);
        }
        if (partition.upload != null && partition.upload.isDone()) {
            finishUpload(partition, now);
        }
        if (partition.uploading != null && partition.upload == null && now >= partition.retryAt) {
            upload(partition);
        }
        Roll open = partition.open;
        if (open != null && !open.isEmpty() && (now - open.openedAt() >= config.rollInterval().toMillis()
                || open.records() >= config.rollSize() || partition.paused)) {
            roll(partition);
        }
        if (partition.paused && (partition.open == null || partition.open.isEmpty()) && partition.redo == null
                && !fetchHeld()) {
            consumer.resume(Set.of(partition.partition));
            partition.paused = false;
        }
    }

    /**
     * Seals the open roll, commits its plan and starts its upload; false when it must wait for the partition's
     * previous roll (or redo) to be uploaded first, or when the commit failed.
     */
    private boolean roll(PartitionArchive partition) {
        if (partition.uploading != null || partition.redo != null) {
            return false;
        }
        Roll open = partition.open;
        partition.open = null;
        if (open == null || open.isEmpty()) {
            return true;
        }
        Sealed sealed = open.seal();
        try {
            consumer.commitSync(Map.of(partition.partition,
                    new OffsetAndMetadata(sealed.plan().nextOffset(), sealed.plan().encode())));
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // No longer the owner (or about to be asked): the roll is not ours to write.
            LOG.infof("archive roll %s %d-%d not committed (%s); the partition's next owner reads it again",
                    partition.partition, sealed.plan().first(), sealed.plan().last(), e.getClass().getSimpleName());
            consumer.seek(partition.partition, sealed.plan().first());
            partition.rewound = true;
            return false;
        } catch (KafkaException e) {
            // Unknown whether it committed; nothing was uploaded, so reading the range again is safe either way.
            LOG.warnf("archive roll %s %d-%d: commit failed (%s); reading the range again", partition.partition,
                    sealed.plan().first(), sealed.plan().last(), e.toString());
            consumer.seek(partition.partition, sealed.plan().first());
            partition.rewound = true;
            return false;
        }
        partition.uploading = sealed;
        upload(partition);
        return true;
    }

    private void sealRedo(PartitionArchive partition) {
        RollPlan plan = partition.redo;
        Roll roll = partition.redoRoll;
        partition.redo = null;
        partition.redoRoll = null;
        Sealed sealed = roll == null ? new Sealed(partition.topic, partition.partition.partition(), plan, List.of(),
                Long.MAX_VALUE) : roll.seal();
        if (!sealed.plan().equals(plan)) {
            LOG.errorf("archive redo of %s read %s but the committed plan is %s: records of the range are no longer "
                    + "on the broker or were read differently; writing what was read", partition.partition,
                    sealed.plan().encode(), plan.encode());
        }
        partition.uploading = sealed;
        upload(partition);
    }

    private void upload(PartitionArchive partition) {
        Sealed sealed = partition.uploading;
        String bucket = config.bucket();
        partition.upload = CompletableFuture.runAsync(() -> {
            for (Sealed.Part part : sealed.parts()) {
                store.put(bucket, sealed.topic().topic(), part.key(), part.bytes());
            }
        }, uploads);
    }

    private void finishUpload(PartitionArchive partition, long now) {
        Sealed sealed = partition.uploading;
        try {
            partition.upload.join();
        } catch (CompletionException e) {
            partition.upload = null;
            partition.retryAt = now + UPLOAD_RETRY_MILLIS;
            LOG.warnf("archive upload of %s %d-%d failed (%s); trying again in %d s, the records wait in Kafka",
                    partition.partition, sealed.plan().first(), sealed.plan().last(), e.getCause().toString(),
                    UPLOAD_RETRY_MILLIS / 1000);
            return;
        }
        long rows = 0;
        for (Sealed.Part part : sealed.parts()) {
            rows += part.rows();
        }
        metrics.written(sealed.topic().topic(), sealed.parts().size(), rows, sealed.bytes());
        partition.archivedOffset = sealed.plan().nextOffset();
        partition.uploading = null;
        partition.upload = null;
    }

    /** Keeps the encoded rolls of all partitions within {@code max-buffered-bytes}. */
    private void limitMemory(long now) {
        long total = 0;
        PartitionArchive largest = null;
        for (PartitionArchive partition : partitions.values()) {
            total += partition.bufferedBytes();
            if (partition.open != null && partition.uploading == null && partition.redo == null
                    && (largest == null || partition.open.bufferedBytes() > largest.open.bufferedBytes())) {
                largest = partition;
            }
        }
        long max = config.maxBufferedBytes();
        if (total > max && largest != null) {
            roll(largest);
        } else if (total > max && !memoryPaused) {
            memoryPaused = true;
            consumer.pause(partitions.keySet());
            LOG.infof("archive holds %d bytes (limit %d) waiting for uploads; fetching paused", total, max);
        } else if (memoryPaused && total < max * 8 / 10) {
            memoryPaused = false;
            resumeFetching();
        }
    }

    /** Steps aside while this instance's topology catches up ({@link YieldPolicy}); open rolls still close. */
    private void yieldToTopology(long now) {
        boolean yield = yieldPolicy.update(topologyLag.records(), now);
        if (yield == yielding) {
            return;
        }
        yielding = yield;
        metrics.yielding(yield);
        if (yield) {
            consumer.pause(partitions.keySet());
            LOG.infof("topology lag above %d records: the archive waits until it has caught up (at most %s)",
                    config.yieldAboveLag(), config.maxYield());
        } else {
            LOG.info("the archive fetches again");
            resumeFetching();
        }
    }

    /** Whether fetching is held for all partitions: memory full of rolls waiting for S3, or the topology first. */
    private boolean fetchHeld() {
        return memoryPaused || yielding;
    }

    private void resumeFetching() {
        if (fetchHeld()) {
            return;
        }
        List<TopicPartition> resume = new ArrayList<>();
        for (PartitionArchive partition : partitions.values()) {
            if (!partition.paused) {
                resume.add(partition.partition);
            }
        }
        consumer.resume(resume);
    }

    private void pause(PartitionArchive partition) {
        consumer.pause(Set.of(partition.partition));
        partition.paused = true;
    }

    private void refreshEndOffsets() {
        if (partitions.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions.keySet(), Duration.ofSeconds(5));
            ends.forEach((tp, end) -> {
                PartitionArchive partition = partitions.get(tp);
                if (partition != null) {
                    partition.endOffset = end;
                }
            });
        } catch (KafkaException e) {
            LOG.debugf("archive lag not refreshed: %s", e.toString());
        }
    }

    private void publishLag() {
        Map<String, long[]> byTopic = new HashMap<>();
        for (String topic : config.topics()) {
            byTopic.put(topic, new long[] {0, Long.MAX_VALUE});
        }
        for (PartitionArchive partition : partitions.values()) {
            long[] lag = byTopic.computeIfAbsent(partition.topic.topic(), t -> new long[] {0, Long.MAX_VALUE});
            boolean caughtUp = caughtUp(partition);
            if (!caughtUp && partition.endOffset >= 0 && partition.archivedOffset >= 0) {
                lag[0] += Math.max(0, partition.endOffset - partition.archivedOffset);
            }
            long oldest = partition.oldestWaiting();
            if (oldest == Long.MAX_VALUE && !caughtUp && (fetchHeld() || partition.paused)) {
                // Not fetching and nothing held: what waits on the broker is no older than the last record taken.
                oldest = partition.lastTaken;
            }
            lag[1] = Math.min(lag[1], oldest);
        }
        byTopic.forEach((topic, lag) -> metrics.lag(topic, lag[0], lag[1]));
    }

    /**
     * Nothing held and nothing left to read. The end offset counts transaction markers (fraud-alerts is written in
     * transactions), so "archived offset = end offset" would never hold on a caught-up transactional partition.
     */
    private boolean caughtUp(PartitionArchive partition) {
        if (!partition.idle()) {
            return false;
        }
        try {
            return consumer.position(partition.partition, Duration.ZERO) >= partition.endOffset;
        } catch (KafkaException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs inside {@code poll}, on the archiver's thread. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return;
            }
            Set<TopicPartition> set = new HashSet<>(assigned);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(set, Duration.ofSeconds(30));
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(set, Duration.ofSeconds(30));
            for (TopicPartition tp : assigned) {
                PartitionArchive partition = new PartitionArchive(tp, ArchivedTopic.of(tp.topic()));
                OffsetAndMetadata offset = committed.get(tp);
                partition.archivedOffset = offset == null ? beginnings.getOrDefault(tp, 0L) : offset.offset();
                Optional<RollPlan> plan = offset == null ? Optional.empty() : RollPlan.decode(offset.metadata());
                if (plan.isPresent() && !written(partition, plan.get())) {
                    LOG.infof("archive of %s: the committed roll %d-%d is not all in S3; writing it again", tp,
                            plan.get().first(), plan.get().last());
                    partition.redo = plan.get();
                    partition.archivedOffset = plan.get().first();
                    consumer.seek(tp, plan.get().first());
                }
                partitions.put(tp, partition);
            }
            if (fetchHeld()) {
                consumer.pause(assigned);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            revoked.forEach(partitions::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            lost.forEach(partitions::remove);
        }

        private boolean written(PartitionArchive partition, RollPlan plan) {
            try {
                for (String key : plan.keys(partition.topic.topic(), partition.partition.partition())) {
                    if (!store.exists(config.bucket(), key)) {
                        return false;
                    }
                }
                return true;
            } catch (RuntimeException e) {
                LOG.warnf("cannot check the archive of %s (%s); writing its last roll again", partition.partition,
                        e.toString());
                return false;
            }
        }
    }
}
