package io.storepulse.stack;

import io.storepulse.model.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The contract's topics with their partition counts and retention; creates those that are missing. */
public final class TopicCatalog {

    /** Seven days: a week of input can be replayed after a processor fix. */
    static final long RETENTION_MS = Duration.ofDays(7).toMillis();

    private TopicCatalog() {
    }

    public static List<NewTopic> topics(int partitions, short replication) {
        Map<String, String> retained = Map.of("retention.ms", Long.toString(RETENTION_MS));
        // An input record's timestamp is when the broker appended it, whatever the producer sent: the processor's
        // detection latency is measured from it, and retention counts from arrival, not from a late event's time.
        Map<String, String> input = Map.of("retention.ms", Long.toString(RETENTION_MS),
                "message.timestamp.type", "LogAppendTime");
        List<NewTopic> topics = new ArrayList<>();
        for (String name : Topics.INPUTS) {
            topics.add(new NewTopic(name, partitions, replication).configs(input));
            topics.add(new NewTopic(Topics.deadLetterOf(name), partitions, replication).configs(retained));
        }
        for (String output : List.of(Topics.LATE_EVENTS, Topics.SESSION_AGGREGATIONS, Topics.FRAUD_ALERTS,
                Topics.REVENUE_AGGREGATIONS, Topics.GROUND_TRUTH_FRAUD)) {
            topics.add(new NewTopic(output, partitions, replication).configs(retained));
        }
        // Latest features per user is all a reader needs: compaction keeps the topic the size of the user base.
        topics.add(new NewTopic(Topics.USER_FEATURES, partitions, replication)
                .configs(Map.of("cleanup.policy", "compact")));
        return topics;
    }

    /** Creates every catalogue topic that does not exist yet; returns the names it created. */
    public static List<String> createMissing(Admin admin, int partitions, short replication)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = topics(partitions, replication).stream()
                .filter(topic -> !existing.contains(topic.name()))
                .toList();
        if (missing.isEmpty()) {
            return List.of();
        }
        try {
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        return missing.stream().map(NewTopic::name).toList();
    }

    /**
     * Waits until every partition of every topic answers for its latest offset. A broker that has just created
     * topics still opens their partitions for a moment; an idempotent producer whose first batch is refused then
     * can be stuck retrying it (KAFKA-15591), so nothing may write before this returns.
     */
    public static void awaitPartitionsOpen(Admin admin, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(admin.listTopics().names().get(30, TimeUnit.SECONDS)).allTopicNames()
                .get(30, TimeUnit.SECONDS).forEach((topic, description) -> description.partitions().forEach(p ->
                        latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        while (true) {
            try {
                admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("partitions not open within " + timeout.toSeconds() + " s: "
                            + notYet.getCause().getMessage());
                }
                Thread.sleep(100);
            }
        }
    }
}
