package io.storepulse.system;

import io.storepulse.model.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How far the processor's consumer group is behind: committed offsets against the end of the three input topics
 * and of the processor's revenue repartition topic, which it reads back as well.
 */
final class ProcessorLag implements AutoCloseable {

    private static final String GROUP = "storepulse-processor";
    private static final String REVENUE_ITEMS = "storepulse-processor-revenue-items";

    private final Admin admin;

    /** Records still to process, and input records whose processing is committed. */
    record Progress(long lag, long committedInputs) {
    }

    ProcessorLag(String bootstrap) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    Progress progress() throws Exception {
        List<String> topics = new ArrayList<>(Topics.INPUTS);
        if (admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(REVENUE_ITEMS)) {
            topics.add(REVENUE_ITEMS);
        }
        Map<TopicPartition, OffsetSpec> latest = LocalPipeline.latestOffsetsOf(admin, topics);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        long lag = 0;
        long committedInputs = 0;
        for (var end : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            long done = offset == null ? 0 : offset.offset();
            lag += Math.max(0, end.getValue().offset() - done);
            if (!end.getKey().topic().equals(REVENUE_ITEMS)) {
                committedInputs += done;
            }
        }
        return new Progress(lag, committedInputs);
    }

    /** Waits until the lag is zero, failing as soon as {@code processor} has died or {@code timeout} has passed. */
    void awaitCaughtUp(Process processor, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (progress().lag() > 0) {
            assertThat(processor.isAlive()).as("the processor is running").isTrue();
            assertThat(System.nanoTime()).as("caught up within %d s", timeout.toSeconds()).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
