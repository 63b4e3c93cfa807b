package io.storepulse.serving.features;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureRebuildTest {

    /** The 404-or-503 answer asks about the user's partition: it must be where the processor's records go. */
    @Test
    void aUsersPartitionIsTheOneKafkasDefaultPartitionerPicks() {
        for (int partitions : new int[] {1, 3, 8, 12}) {
            for (int i = 0; i < 2_000; i++) {
                String user = "u-" + i + (i % 7 == 0 ? "-\u00e9\u4e16" : "");
                assertThat(FeatureRebuild.partitionOf(user, partitions)).as(user + " of " + partitions)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(user.getBytes(StandardCharsets.UTF_8), partitions));
            }
        }
    }
}
