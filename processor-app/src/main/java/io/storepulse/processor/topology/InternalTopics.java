package io.storepulse.processor.topology;

import io.smallrye.common.annotation.Identifier;
import io.storepulse.service.kafka.ClientConfigs;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The processor's own internal topics, partitioned like the input they follow. {@link InternalTopicsAtStart} creates
 * them when the app starts, before Kafka Streams does, which waits for them ({@code quarkus.kafka-streams.topics}).
 */
@ApplicationScoped
public class InternalTopics {

    private static final Logger LOG = Logger.getLogger(InternalTopics.class);
    /** Contributions are consumed within seconds; a day covers any outage the processor can recover from. */
    static final String RETENTION_MS = Long.toString(24L * 3_600_000L);

    private final Map<String, Object> adminConfig;

    public InternalTopics(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.adminConfig = ClientConfigs.admin(kafkaConfig);
    }

    /**
     * Creates {@code topic} with the partition count of {@code partitionedLike}, unless it exists; an existing one
     * with another count is refused (its records would be joined on the wrong partitions), never retried.
     */
    @Retry(maxRetries = 10, delay = 2, delayUnit = ChronoUnit.SECONDS, abortOn = IllegalArgumentException.class)
    public void ensure(String topic, String partitionedLike) {
        try (Admin admin = Admin.create(adminConfig)) {
            int partitions = partitionsOf(admin, partitionedLike);
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                int existing = partitionsOf(admin, topic);
                if (existing != partitions) {
                    throw new IllegalArgumentException("internal topic " + topic + " has " + existing
                            + " partitions but " + partitionedLike + " has " + partitions + "; they must match. Stop "
                            + "every processor, delete " + topic + " (docs/RUNBOOK.md, resetting the processor) and start again");
                }
                return;
            }
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) -1)
                    .configs(Map.of("retention.ms", RETENTION_MS)))).all().get(30, TimeUnit.SECONDS);
            LOG.infof("created internal topic %s with %d partitions", topic, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create internal topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot create internal topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private static int partitionsOf(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                .size();
    }
}
