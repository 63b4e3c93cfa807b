package io.storepulse.processor.topology;

import io.smallrye.common.annotation.Identifier;
import io.storepulse.model.kafka.AdminConfigs;
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

/** Creates the processor's own internal topics before Kafka Streams starts, partitioned like the input they follow. */
@ApplicationScoped
public class InternalTopics {

    private static final Logger LOG = Logger.getLogger(InternalTopics.class);
    /** Contributions are consumed within seconds; a day covers any outage the processor can recover from. */
    static final String RETENTION_MS = Long.toString(24L * 3_600_000L);

    private final Map<String, Object> adminConfig;

    public InternalTopics(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.adminConfig = AdminConfigs.from(kafkaConfig);
    }

    /** Creates {@code topic} with the partition count of {@code partitionedLike}, unless it exists. */
    @Retry(maxRetries = 10, delay = 2, delayUnit = ChronoUnit.SECONDS)
    public void ensure(String topic, String partitionedLike) {
        try (Admin admin = Admin.create(adminConfig)) {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            int partitions = admin.describeTopics(List.of(partitionedLike)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(partitionedLike).partitions().size();
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) -1)
                    .configs(Map.of("retention.ms", RETENTION_MS)))).all().get(30, TimeUnit.SECONDS);
            LOG.infof("created internal topic %s with %d partitions", topic, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create internal topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create internal topic " + topic + ": " + e.getMessage(), e);
        }
    }
}
