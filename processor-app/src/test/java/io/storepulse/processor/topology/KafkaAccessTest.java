package io.storepulse.processor.topology;

import io.smallrye.config.WithDefault;
import io.storepulse.model.kafka.KafkaAccess;
import io.storepulse.model.kafka.KafkaAccess.Grant;
import io.storepulse.model.kafka.KafkaAccess.Operation;
import io.storepulse.model.kafka.KafkaAccess.ResourceType;
import io.storepulse.processor.archive.ArchiveConfig;
import io.storepulse.processor.config.StoreKind;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processor's grants in {@link KafkaAccess} are what its code uses, derived here from the code itself: the
 * topology's sources and sinks (its description), its stores' changelogs, the application id of its configuration
 * and the archiver's default topics and group. Too little fails on a secured cluster; too much is a wider blast
 * radius than the processor needs.
 */
class KafkaAccessTest {

    private static final KafkaAccess ACCESS = KafkaAccess.PROCESSOR;

    private final TopologyDescription topology = TopologyProducer.build(
            TopologyTestSettings.settings(System::currentTimeMillis, StoreKind.ROCKSDB), (topic, route) -> { },
            (alert, latency) -> { }).describe();

    @Test
    void theApplicationIdIsTheOneTheGrantsNameAndTheArchiverGroupIsItsDefault() throws Exception {
        assertThat(applicationProperties().getProperty("quarkus.kafka-streams.application-id"))
                .isEqualTo(KafkaAccess.ProcessorIds.APPLICATION_ID);
        assertThat(defaultOf("groupId")).isEqualTo(KafkaAccess.ProcessorIds.ARCHIVER_GROUP);
        assertThat(ACCESS.allows(ResourceType.GROUP, KafkaAccess.ProcessorIds.APPLICATION_ID, Operation.READ)).isTrue();
        assertThat(ACCESS.allows(ResourceType.GROUP, KafkaAccess.ProcessorIds.ARCHIVER_GROUP, Operation.READ)).isTrue();
        // Exactly-once v2: one transactional id per stream thread, "<application id>-<process id>-<thread>".
        assertThat(ACCESS.allows(ResourceType.TRANSACTIONAL_ID,
                KafkaAccess.ProcessorIds.APPLICATION_ID + "-6a1c2f0e-1", Operation.WRITE)).isTrue();
    }

    @Test
    void literalTopicGrantsAreExactlyTheTopicsTheTopologyAndTheArchiverReadAndWrite() throws Exception {
        Set<String> read = new TreeSet<>();
        Set<String> written = new TreeSet<>();
        for (TopologyDescription.Subtopology sub : topology.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    read.addAll(source.topicSet());
                } else if (node instanceof TopologyDescription.Sink sink) {
                    written.add(sink.topic());
                }
            }
        }
        read.addAll(Arrays.asList(defaultOf("topics").split(",")));
        String internal = KafkaAccess.ProcessorIds.APPLICATION_ID + "-";
        read.removeIf(topic -> topic.startsWith(internal));
        written.removeIf(topic -> topic.startsWith(internal));

        assertThat(literalTopics(Operation.READ)).containsExactlyElementsOf(read);
        assertThat(literalTopics(Operation.WRITE)).containsExactlyElementsOf(written);
        assertThat(read).contains("click-events", "fraud-alerts");
        assertThat(written).contains("click-events.dlq", "late-events", "user-features");
    }

    @Test
    void everyInternalTopicFallsUnderTheApplicationIdPrefix() {
        Set<String> internal = new TreeSet<>();
        internal.add(TopologyProducer.REVENUE_ITEMS_TOPIC);
        for (TopologyDescription.Subtopology sub : topology.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    processor.stores().forEach(store ->
                            internal.add(KafkaAccess.ProcessorIds.APPLICATION_ID + "-" + store + "-changelog"));
                }
            }
        }
        assertThat(internal).hasSizeGreaterThan(3);
        for (String topic : internal) {
            for (Operation operation : new Operation[] {Operation.READ, Operation.WRITE, Operation.DESCRIBE}) {
                assertThat(ACCESS.allowsTopic(topic, operation)).as(topic + " " + operation).isTrue();
            }
        }
        // The prefix ends at the dash: another app whose id merely begins the same way is not covered.
        assertThat(ACCESS.allowsTopic("storepulse-processorx-topic", Operation.READ)).isFalse();
    }

    private static Set<String> literalTopics(Operation operation) {
        Set<String> topics = new TreeSet<>();
        for (Grant grant : ACCESS.grants()) {
            if (grant.type() == ResourceType.TOPIC && !grant.prefix() && grant.operations().contains(operation)) {
                topics.add(grant.name());
            }
        }
        return topics;
    }

    private static String defaultOf(String method) throws NoSuchMethodException {
        return ArchiveConfig.class.getMethod(method).getAnnotation(WithDefault.class).value();
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = KafkaAccessTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties;
    }
}
