package io.storepulse.serving.pipeline;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.storepulse.model.Topics;
import io.storepulse.service.kafka.ClientConfigs;
import io.storepulse.serving.config.ServingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the end offsets of the three input topics every {@code storepulse.throughput.sample-every} with one Kafka
 * admin request, in the background: a request for the rate reads memory and never waits on Kafka. Each read gives
 * up after {@link #READ_TIMEOUT}; while Kafka does not answer the readings stop, and {@link #rates} says so by
 * being stale.
 */
@ApplicationScoped
public class InputOffsetSampler {

    private static final Logger LOG = Logger.getLogger(InputOffsetSampler.class);
    /** Longer than a healthy broker ever needs for a ListOffsets, short enough not to stall the next readings. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    /** Partitions are added rarely; the list is read again this often (and after any failure). */
    static final Duration PARTITIONS_EVERY = Duration.ofMinutes(1);

    private final Map<String, Object> adminConfig;
    private final Duration every;
    private final InputRates rates;
    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "input-offset-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private Admin admin;
    private List<TopicPartition> partitions;
    private long partitionsReadAt;
    private boolean failing;

    public InputOffsetSampler(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                              ServingConfig config) {
        this.adminConfig = ClientConfigs.admin(kafkaConfig);
        this.adminConfig.put("client.id", "storepulse-serving-throughput");
        this.every = config.throughput().sampleEvery();
        this.rates = new InputRates(config.throughput().history().toMillis());
    }

    void start(@Observes StartupEvent event) {
        reader.scheduleWithFixedDelay(this::read, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        reader.shutdownNow();
        reader.awaitTermination(READ_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }

    /** The readings, or empty when the newest is older than three sampling periods (Kafka is not answering). */
    public Optional<InputRates> rates(long nowMillis) {
        long staleAfter = Math.max(3 * every.toMillis(), READ_TIMEOUT.toMillis() + every.toMillis());
        return rates.newestAt().filter(at -> nowMillis - at <= staleAfter).map(at -> rates);
    }

    public Duration every() {
        return every;
    }

    private void read() {
        try {
            if (admin == null) {
                admin = Admin.create(adminConfig);
            }
            long now = System.currentTimeMillis();
            if (partitions == null || now - partitionsReadAt > PARTITIONS_EVERY.toMillis()) {
                partitions = partitionsOfInputs();
                partitionsReadAt = now;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest,
                            new ListOffsetsOptions().timeoutMs((int) READ_TIMEOUT.toMillis())).all()
                    .get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Long> perTopic = new LinkedHashMap<>();
            Topics.INPUTS.forEach(topic -> perTopic.put(topic, 0L));
            ends.forEach((partition, end) -> perTopic.merge(partition.topic(), end.offset(), Long::sum));
            rates.add(System.currentTimeMillis(), perTopic);
            if (failing) {
                LOG.info("reading the input topics' end offsets works again");
                failing = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            partitions = null;
            if (!failing) {
                // A future's own timeout carries no message: say what it means.
                String why = e instanceof TimeoutException
                        ? "no answer within " + READ_TIMEOUT.toMillis() + " ms" : e.getMessage();
                LOG.warnf("cannot read the input topics' end offsets (%s); events per second unknown until Kafka "
                        + "answers", why);
                failing = true;
            }
        }
    }

    private List<TopicPartition> partitionsOfInputs() throws Exception {
        List<TopicPartition> found = new ArrayList<>();
        admin.describeTopics(Topics.INPUTS, new DescribeTopicsOptions().timeoutMs((int) READ_TIMEOUT.toMillis()))
                .allTopicNames().get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((topic, description) -> description.partitions()
                        .forEach(partition -> found.add(new TopicPartition(topic, partition.partition()))));
        return found;
    }
}
