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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The recent fraud alerts, read from fraud-alerts with read_committed by one consumer, kept in memory (the newest
 * {@code storepulse.alerts.retained}, in {@link RetainedAlerts}) and handed to live subscribers. A subscriber that
 * resumes from a token gets every retained alert it has not seen, then the live ones, with nothing in between
 * lost: registering and taking the backlog happen under the same lock as appending.
 */
@ApplicationScoped
public class AlertLog {

    private static final Logger LOG = Logger.getLogger(AlertLog.class);

    private final Map<String, Object> consumerConfig;
    private final int retained;
    private final EndToEndLatency latency;
    /** Guarded by {@code this}. */
    private final RetainedAlerts alerts;
    private final List<Consumer<AlertEntry>> subscribers = new CopyOnWriteArrayList<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean ready;
    private volatile int partitions;
    private Thread reader;

    /** {@code kafkaConfig}: the app's whole Kafka configuration ({@code kafka.*}, security included). */
    public AlertLog(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ServingConfig config,
                    EndToEndLatency latency) {
        this.retained = config.alerts().retained();
        this.alerts = new RetainedAlerts(retained);
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
        return ready;
    }

    public int partitions() {
        return partitions;
    }

    /** The newest alerts by {@code detected_at}: see {@link RetainedAlerts#newest}. */
    public synchronized List<AlertEntry> newest(long since, int limit) {
        return alerts.newest(since, limit);
    }

    /**
     * Registers {@code live} for every alert read from now on and returns what came before it that {@code from}
     * has not seen (null: nothing before now). {@code complete} is false when some of that was older than the
     * retained alerts: the caller must read those from Kafka.
     */
    public synchronized RetainedAlerts.Backlog subscribe(ResumeToken from, Consumer<AlertEntry> live) {
        subscribers.add(live);
        return alerts.backlog(from, partitions);
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
                    if (!ready) {
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
            for (TopicPartition partition : assigned) {
                long from = Math.max(begin.get(partition), end.get(partition) - perPartition);
                kafka.seek(partition, from);
                next[partition.partition()] = from;
            }
            partitions = assigned.size();
            ready = false;
            alerts.restartAt(next);
        }
    }

    private synchronized void markCaughtUp(List<TopicPartition> assigned, KafkaConsumer<String, byte[]> kafka) {
        for (TopicPartition partition : assigned) {
            if (kafka.position(partition) < kafka.endOffsets(List.of(partition)).get(partition)) {
                return;
            }
        }
        alerts.markCaughtUp();
        ready = true;
        LOG.infof("fraud alert log ready: %d alerts retained", alerts.size());
    }

    private void append(ConsumerRecord<String, byte[]> record) {
        FraudAlert alert;
        try {
            alert = Codecs.FRAUD_ALERT.decode(record.value());
        } catch (CodecException e) {
            LOG.warnf("skipping undecodable fraud alert at %d/%d: %s", record.partition(), record.offset(), e.getMessage());
            synchronized (this) {
                alerts.skip(record.partition(), record.offset());
            }
            return;
        }
        synchronized (this) {
            AlertEntry entry = alerts.add(record.partition(), record.offset(), alert);
            if (ready) {
                subscribers.forEach(subscriber -> subscriber.accept(entry));
            }
        }
        if (ready) {
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
