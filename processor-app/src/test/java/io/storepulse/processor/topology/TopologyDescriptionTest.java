package io.storepulse.processor.topology;

import io.storepulse.processor.config.StoreKind;
import io.storepulse.processor.lifecycle.StateIdentity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The state directory's identity fingerprints the topology's description, so it must not vary between builds. */
class TopologyDescriptionTest {

    @Test
    void twoBuildsOfTheSameSettingsDescribeTheSameTopology() {
        String first = describe(StoreKind.ROCKSDB);
        assertThat(first).contains("user-activity").contains("click-events");
        assertThat(StateIdentity.fingerprint(describe(StoreKind.ROCKSDB))).isEqualTo(StateIdentity.fingerprint(first));
    }

    private static String describe(StoreKind userStore) {
        return TopologyProducer.build(TopologyTestSettings.settings(System::currentTimeMillis, userStore),
                (topic, route) -> { }, (alert, latency) -> { }).describe().toString();
    }
}
