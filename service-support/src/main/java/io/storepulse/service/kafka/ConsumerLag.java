package io.storepulse.service.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code storepulse_consumer_lag_records{group, topic, partition}}: per partition a consumer group has committed, the
 * last stable offset (what a read_committed reader can reach) minus the group's committed offset. Labels are
 * bounded by the partitions the group reads. When the lag cannot be read the group's rows are removed, so a stale
 * number never stays on a dashboard.
 */
public final class ConsumerLag implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ConsumerLag.class.getName());

    private final String group;
    private final MultiGauge gauge;
    private ScheduledExecutorService refresher;

    public ConsumerLag(MeterRegistry registry, String group) {
        this.group = group;
        this.gauge = MultiGauge.builder("storepulse.consumer.lag")
                .description("Records a consumer group has not committed yet, per partition")
                .baseUnit("records")
                .register(registry);
    }

    /**
     * The group's lag per partition, asked of the broker without blocking. A plain {@link CompletableFuture}: the
     * stages Kafka's futures hand out refuse {@code toCompletableFuture()}.
     */
    public static CompletableFuture<Map<TopicPartition, Long>> read(Admin admin, String group) {
        CompletableFuture<Map<TopicPartition, Long>> answer = new CompletableFuture<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().toCompletionStage()
                .thenCompose(committed -> {
                    Map<TopicPartition, OffsetAndMetadata> known = committed.entrySet().stream()
                            .filter(entry -> entry.getValue() != null)
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                    if (known.isEmpty()) {
                        return CompletableFuture.completedFuture(Map.<TopicPartition, Long>of());
                    }
                    Map<TopicPartition, OffsetSpec> latest = known.keySet().stream()
                            .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
                    return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                            .toCompletionStage()
                            .thenApply(ends -> known.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                                    entry -> Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset()))));
                })
                .whenComplete((lag, error) -> {
                    if (error == null) {
                        answer.complete(lag);
                    } else {
                        answer.completeExceptionally(error);
                    }
                });
        return answer;
    }

    public String group() {
        return group;
    }

    /**
     * Asks {@code source} for the lag now and then every {@code period} on a daemon thread of its own, and publishes
     * each answer; a failed or late answer removes the rows until the next one.
     */
    public synchronized void refreshEvery(Duration period, Supplier<CompletionStage<Map<TopicPartition, Long>>> source) {
        close();
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "consumer-lag-" + group);
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                update(source.get().toCompletableFuture().get(period.toMillis(), TimeUnit.MILLISECONDS));
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "no consumer lag for group " + group + " this time", e);
                update(null);
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }

    /** Replaces the rows with {@code lag}; null (the lag could not be read) removes them. */
    public void update(Map<TopicPartition, Long> lag) {
        if (lag == null) {
            gauge.register(List.of(), true);
            return;
        }
        gauge.register(lag.entrySet().stream()
                .map(entry -> MultiGauge.Row.of(Tags.of("group", group, "topic", entry.getKey().topic(), "partition",
                        Integer.toString(entry.getKey().partition())), entry.getValue()))
                .toList(), true);
    }
}
