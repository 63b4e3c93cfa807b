package io.storepulse.serving.query;

import io.storepulse.service.json.LocalLowStock;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionCoverageTest {

    private static LocalLowStock answer(String instance, int count, Integer... partitions) {
        return new LocalLowStock(instance, count, List.of(partitions), 10, 0, List.of());
    }

    @Test
    void everyPartitionAnsweredOnceIsTheWhole() {
        assertThat(PartitionCoverage.gap(List.of(answer("a", 4, 0, 2), answer("b", 4, 3, 1)))).isEmpty();
        assertThat(PartitionCoverage.gap(List.of(answer("a", 2, 0, 1), answer("idle", 2)))).isEmpty();
    }

    @Test
    void aPartitionNoOneAnsweredIsAGap() {
        assertThat(PartitionCoverage.gap(List.of(answer("a", 4, 0, 2), answer("b", 4, 1))))
                .contains("no processor instance answered for partitions [3]: partitions are moving");
    }

    @Test
    void aPartitionAnsweredTwiceIsAGap() {
        assertThat(PartitionCoverage.gap(List.of(answer("a", 4, 0, 2), answer("b", 4, 1, 2, 3))))
                .contains("partition 2 was answered twice: partitions are moving");
    }

    @Test
    void instancesDisagreeingOnTheCountOrNamingAnUnknownPartitionAreAGap() {
        assertThat(PartitionCoverage.gap(List.of(answer("a", 4, 0, 1, 2, 3), answer("b", 8))))
                .contains("the processor instances disagree on the partition count (4 and 8): partitions are moving");
        assertThat(PartitionCoverage.gap(List.of(answer("a", 2, 0, 1, 2))))
                .contains("a answered for partition 2 of 2");
        assertThat(PartitionCoverage.gap(List.of())).contains("no processor instance answered");
    }
}
