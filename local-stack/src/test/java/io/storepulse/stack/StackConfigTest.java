package io.storepulse.stack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackConfigTest {

    private static final StackConfig ONE = StackConfig.defaults(Path.of("/tmp/stack"));

    @Test
    void oneBrokerIsTheDefaultWithOneReplicaOfEachTopic() {
        assertThat(ONE.brokers()).isEqualTo(1);
        assertThat(ONE.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(ONE.replication()).isEqualTo((short) 1);
        assertThat(ONE.minInSyncReplicas()).isEqualTo(1);
    }

    @Test
    void threeBrokersTakeEveryOtherPortForClientsAndTheOnesBetweenForTheQuorum() {
        StackConfig three = ONE.withBrokers(3);
        assertThat(three.kafkaBootstrap()).isEqualTo("127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096");
        assertThat(three.kafkaControllerPort(1)).isEqualTo(9093);
        assertThat(three.kafkaControllerPort(3)).isEqualTo(9097);
        assertThat(three.replication()).isEqualTo((short) 3);
        assertThat(three.minInSyncReplicas()).isEqualTo(2);
        assertThat(ONE.withBrokers(2).replication()).isEqualTo((short) 2);
        assertThat(ONE.withBrokers(2).minInSyncReplicas()).isEqualTo(1);
        assertThat(ONE.withBrokers(5).replication()).isEqualTo((short) 3);
    }

    @Test
    void clustersThatCannotWorkAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ONE.withBrokers(0)).hasMessage("a local Kafka cluster has 1 to 9 brokers, not 0");
        assertThatThrownBy(() -> ONE.withBrokers(3).secured()).hasMessageContaining("the secured stack");
        assertThatThrownBy(() -> ONE.withProxiedKafka(30_000, 30_001).withBrokers(3))
                .hasMessageContaining("proxied listener have one broker");
        StackConfig overlapping = new StackConfig(Path.of("/tmp/stack"), 9092, 9096, 6379, 9000, 8, "b",
                ONE.components(), false);
        assertThatThrownBy(() -> overlapping.withBrokers(3)).hasMessageContaining("overlap");
        assertThat(overlapping.withBrokers(2).kafkaBootstrap()).isEqualTo("127.0.0.1:9092,127.0.0.1:9094");
    }

    @Test
    void theCommandLineNamesTheBrokers() {
        StackConfig parsed = LocalStackMain.Options.parse(new String[] {"--brokers", "3", "--kafka-port", "40000"}).config();
        assertThat(parsed.brokers()).isEqualTo(3);
        assertThat(parsed.kafkaBootstrap()).isEqualTo("127.0.0.1:40000,127.0.0.1:40002,127.0.0.1:40004");
        assertThat(parsed.kafkaControllerPort(2)).isEqualTo(40_003);
        assertThatThrownBy(() -> LocalStackMain.Options.parse(new String[] {"--brokers", "0"}))
                .hasMessageContaining("--brokers");
    }
}
