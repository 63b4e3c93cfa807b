package io.storepulse.serving.alerts;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.storepulse.avro.FraudAlert;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.CodecException;
import io.storepulse.model.codec.Codecs;
import io.storepulse.service.kafka.ClientConfigs;
import io.storepulse.serving.config.ServingConfig;
import io.storepulse.serving.metrics.EndToEndLatency;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The recent fraud alerts, read from fraud-alerts with read_committed by one consumer, kept in memory (the newest
 * {@code storepulse.alerts.retained}) in the order read, and handed to live subscribers; listed by detected_at. A subscriber that resumes
 * from a token gets every retained alert it has not seen, then the live ones, with nothing in between lost:
 * registering and taking the backlog happen under the same lock as appending.
 */
@ApplicationScoped
public class AlertLog {

    private static final Logger LOG = Logger.getLogger(AlertLog.class);
    private static final Comparator<AlertEntry> BY_DETECTION = Comparator
            .comparing((AlertEntry entry) -> entry.alert().getDetectedAt())
            .thenComparing(entry -> entry.alert().getAlertId())
            .thenComparingInt(AlertEntry::partition)
            .thenComparingLong(AlertEntry::offset);

    private final Map<String, Object> consumerConfig;
    private final int retained;
    private final EndToEndLatency latency;
    /** The retained alerts in the order read, for resuming streams: the oldest read is the first to go. */
    private final ArrayDeque<AlertEntry> entries = new ArrayDeque<>();
    /** The same alerts by detected_at, then alert id (then position), for the list, newest first. */
    private final TreeSet<AlertEntry> byDetection = new TreeSet<>(BY_DETECTION);
    private final List<Consumer<AlertEntry>> subscribers = new CopyOnWriteArrayList<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    /** The position of the newest alert read; published as {@link #head} once the history is read. */
    private ResumeToken pendingHead;
    private volatile ResumeToken head;
    private volatile int partitions;
    private Thread reader;

    /** {@code kafkaConfig}: the app's whole Kafka configuration ({@code kafka.*}, security included). */
    public AlertLog(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ServingConfig config,
                    EndToEndLatency latency) {
        this.retained = config.alerts().retained();
        this.latency = latency;
        this.consumerConfig = ClientConfigs.committedReader(kafkaConfig, "storepulse-serving-alerts");
        consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    }

    void start(@Observes StartupEvent event) {
        reader = new Thread(this::read, "fraud-alert-log");
        reader.setDaemon(true);
        reader.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        KafkaConsumer<String, byte[]> running = consumer;
        if (running != null) {
            running.wakeup();
        }
        if (reader != null) {
            reader.join(5_000);
        }
    }

    /** False until the log has found fraud-alerts and read its retained history. */
    public boolean isReady() {
        return head != null;
    }

    public int partitions() {
        return partitions;
    }

    /**
     * Newest {@code detected_at} first (the same time: the greater alert id first), at most {@code limit}, detected at
     * or after {@code since} (epoch ms), whatever the partitions they were read from.
     */
    public synchronized List<AlertEntry> newest(long since, int limit) {
        List<AlertEntry> newest = new ArrayList<>(Math.min(limit, byDetection.size()));
        var iterator = byDetection.descendingIterator();
        while (iterator.hasNext() && newest.size() < limit) {
            AlertEntry entry = iterator.next();
            if (entry.alert().getDetectedAt().toEpochMilli() < since) {
                break;
            }
            newest.add(entry);
        }
        return newest;
    }

    /** What a subscriber got: the retained alerts after its token, and the token to start live from. */
    public record Backlog(List<AlertEntry> entries, ResumeToken token, boolean complete) {
    }

    /**
     * Registers {@code live} for every alert read from now on and returns what came before it that {@code from}
     * has not seen (null: nothing before now). {@code complete} is false when some of that was older than the
     * retained alerts: the caller must read those from Kafka.
     */
    public synchronized Backlog subscribe(ResumeToken from, Consumer<AlertEntry> live) {
        subscribers.add(live);
        if (from == null) {
            return new Backlog(List.of(), head, true);
        }
        List<AlertEntry> missed = new ArrayList<>();
        Map<Integer, Long> oldestRetained = new HashMap<>();
        for (AlertEntry entry : entries) {
            oldestRetained.putIfAbsent(entry.partition(), entry.offset());
            if (from.isBefore(entry.partition(), entry.offset())) {
                missed.add(entry);
            }
        }
        boolean complete = true;
        for (int p = 0; p < partitions; p++) {
            long oldest = oldestRetained.getOrDefault(p, head.next(p));
            if (from.next(p) < oldest) {
                complete = false;
            }
        }
        return new Backlog(missed, head, complete);
    }

    public void unsubscribe(Consumer<AlertEntry> live) {
        subscribers.remove(live);
    }

    /** The consumer settings a reader of fraud-alerts uses (read_committed, no group). */
    Map<String, Object> consumerConfig() {
        return consumerConfig;
    }

    private void read() {
        while (true) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = kafka;
                List<TopicPartition> assigned = kafka.partitionsFor(Topics.FRAUD_ALERTS, Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                kafka.assign(assigned);
                seekToRetainedHistory(kafka, assigned);
                while (true) {
                    for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(200))) {
                        append(record);
                    }
                    if (head == null) {
                        markCaughtUp(assigned, kafka);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("reading fraud-alerts failed (%s); retrying in 2 s", e.getMessage());
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void seekToRetainedHistory(KafkaConsumer<String, byte[]> kafka, List<TopicPartition> assigned) {
        Map<TopicPartition, Long> end = kafka.endOffsets(assigned);
        Map<TopicPartition, Long> begin = kafka.beginningOffsets(assigned);
        long perPartition = Math.max(1, retained / Math.max(1, assigned.size()));
        long[] next = new long[assigned.size()];
        synchronized (this) {
            entries.clear();
            byDetection.clear();
            for (TopicPartition partition : assigned) {
                long from = Math.max(begin.get(partition), end.get(partition) - perPartition);
                kafka.seek(partition, from);
                next[partition.partition()] = from;
            }
            partitions = assigned.size();
            head = null;
            pendingHead = new ResumeToken(next);
        }
    }

    private synchronized void markCaughtUp(List<TopicPartition> assigned, KafkaConsumer<String, byte[]> kafka) {
        for (TopicPartition partition : assigned) {
            if (kafka.position(partition) < kafka.endOffsets(List.of(partition)).get(partition)) {
                return;
            }
        }
        head = pendingHead;
        LOG.infof("fraud alert log ready: %d alerts retained", entries.size());
    }

    private void append(ConsumerRecord<String, byte[]> record) {
        FraudAlert alert;
        try {
            alert = Codecs.FRAUD_ALERT.decode(record.value());
        } catch (CodecException e) {
            LOG.warnf("skipping undecodable fraud alert at %d/%d: %s", record.partition(), record.offset(), e.getMessage());
            synchronized (this) {
                pendingHead = pendingHead.after(record.partition(), record.offset());
                head = head == null ? null : pendingHead;
            }
            return;
        }
        AlertEntry entry;
        synchronized (this) {
            pendingHead = pendingHead.after(record.partition(), record.offset());
            entry = new AlertEntry(record.partition(), record.offset(), alert, pendingHead);
            entries.addLast(entry);
            byDetection.add(entry);
            if (entries.size() > retained) {
                byDetection.remove(entries.removeFirst());
            }
            if (head != null) {
                head = pendingHead;
                subscribers.forEach(subscriber -> subscriber.accept(entry));
            }
        }
        if (head != null) {
            latency.alertServable(record.headers());
            if (LOG.isDebugEnabled()) {
                MDC.put("alert_id", alert.getAlertId());
                try {
                    LOG.debugf("fraud alert %s for user %s at %d/%d handed to the API and the streams",
                            alert.getRule(), alert.getUserId(), record.partition(), record.offset());
                } finally {
                    MDC.remove("alert_id");
                }
            }
        }
    }
}
