package io.storepulse.producer.kafka;

import io.storepulse.model.kafka.KafkaAccess;
import io.storepulse.model.kafka.KafkaAccess.Grant;
import io.storepulse.model.kafka.KafkaAccess.Operation;
import io.storepulse.model.kafka.KafkaAccess.ResourceType;
import io.storepulse.model.validation.EventKind;
import io.storepulse.traffic.Origin;
import io.storepulse.traffic.TrafficConfig;
import io.storepulse.traffic.TrafficGenerator;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * producer-app's grants in {@link KafkaAccess} are the topics its code writes: the collector's (one per event kind)
 * and every topic the generator's records name, over enough traffic to include every kind of record it makes
 * (fraud with its ground truth, late, duplicate and malformed events). It writes and reads nothing else.
 */
class KafkaAccessTest {

    private static final KafkaAccess ACCESS = KafkaAccess.PRODUCER;

    @Test
    void theProducerMayWriteExactlyTheTopicsTheCollectorAndTheGeneratorWrite() {
        Set<String> written = new TreeSet<>();
        for (EventKind kind : EventKind.values()) {
            written.add(kind.topic());
        }
        TrafficGenerator generator = new TrafficGenerator(TrafficConfig.defaults().withSeed(15).withFraudRatio(0.05)
                .withMalformedRatio(0.01).withDuplicateRatio(0.01).withLateRatio(0.01));
        Set<Origin> seen = EnumSet.noneOf(Origin.class);
        for (int i = 0; i < 200_000; i++) {
            var record = generator.next();
            written.add(record.topic());
            seen.add(record.origin());
        }
        assertThat(seen).as("every kind of generated record was among those looked at")
                .containsExactlyInAnyOrder(Origin.values());

        Set<String> granted = new TreeSet<>();
        for (Grant grant : ACCESS.grants()) {
            assertThat(grant.type()).isEqualTo(ResourceType.TOPIC);
            assertThat(grant.prefix()).isFalse();
            assertThat(grant.operations()).containsExactlyInAnyOrder(Operation.WRITE, Operation.DESCRIBE);
            granted.add(grant.name());
        }
        assertThat(granted).isEqualTo(written);
        assertThat(ACCESS.allowsTopic("click-events", Operation.READ)).isFalse();
    }
}
