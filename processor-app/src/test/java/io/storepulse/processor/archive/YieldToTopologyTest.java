package io.storepulse.processor.archive;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** When the archiver steps aside for a catching-up topology, and how it reads the topology's lag. */
class YieldToTopologyTest {

    private static final long MINUTE = 60_000;

    @Test
    void stepsAsideAboveTheThresholdAndReturnsAtAQuarterOfIt() {
        YieldPolicy policy = new YieldPolicy(100_000, 5 * MINUTE);
        assertThat(policy.update(100_000, 0)).as("at the threshold, not above").isFalse();
        assertThat(policy.update(100_001, 1_000)).isTrue();
        assertThat(policy.update(60_000, 2_000)).as("still above a quarter").isTrue();
        assertThat(policy.update(25_001, 3_000)).isTrue();
        assertThat(policy.update(25_000, 4_000)).isFalse();
        assertThat(policy.update(90_000, 5_000)).as("below the threshold again: no new stretch").isFalse();
        assertThat(policy.update(150_000, 6_000)).isTrue();
    }

    @Test
    void neverStepsAsideLongerThanTheLimitUntilTheTopologyHasCaughtUpOnce() {
        YieldPolicy policy = new YieldPolicy(100_000, 5 * MINUTE);
        assertThat(policy.update(1_000_000, 0)).isTrue();
        assertThat(policy.update(900_000, 5 * MINUTE - 1)).isTrue();
        assertThat(policy.update(900_000, 5 * MINUTE)).as("the stretch is over").isFalse();
        assertThat(policy.update(2_000_000, 10 * MINUTE)).as("the topology has not caught up since").isFalse();
        assertThat(policy.update(20_000, 11 * MINUTE)).isFalse();
        assertThat(policy.update(200_000, 12 * MINUTE)).as("caught up once: may step aside again").isTrue();
    }

    @Test
    void anUnknownLagOrAZeroThresholdNeverStepsAside() {
        assertThat(new YieldPolicy(0, MINUTE).update(10_000_000, 0)).isFalse();
        YieldPolicy policy = new YieldPolicy(100_000, MINUTE);
        assertThat(policy.update(500_000, 0)).isTrue();
        assertThat(policy.update(-1, 1_000)).as("the topology stopped reporting (rebalance, shutdown)").isFalse();
    }

    @Test
    void theLagIsTheSumOverTheMainConsumersInputPartitions() {
        Map<MetricName, Metric> metrics = new HashMap<>();
        put(metrics, "records-lag", "p-StreamThread-1-consumer", "click-events", "0", 1_000);
        put(metrics, "records-lag", "p-StreamThread-1-consumer", "purchase-events", "3", 250);
        put(metrics, "records-lag", "p-StreamThread-2-consumer", "inventory-events", "7", 5);
        // Not the topology's input lag: a restore consumer, a repartition topic, another metric, a NaN.
        put(metrics, "records-lag", "p-StreamThread-1-restore-consumer", "click-events", "0", 90_000);
        put(metrics, "records-lag", "p-StreamThread-1-consumer", "p-revenue-items-repartition", "0", 70_000);
        put(metrics, "records-lag-max", "p-StreamThread-1-consumer", "click-events", "0", 50_000);
        put(metrics, "records-lag", "p-StreamThread-2-consumer", "click-events", "1", Double.NaN);
        assertThat(TopologyLag.sum(metrics)).isEqualTo(1_255);
        assertThat(TopologyLag.sum(Map.of())).as("nothing reported yet").isEqualTo(-1);
    }

    private static void put(Map<MetricName, Metric> metrics, String name, String client, String topic,
                            String partition, double value) {
        MetricName metricName = new MetricName(name, "consumer-fetch-manager-metrics", "",
                Map.of("client-id", client, "topic", topic, "partition", partition));
        metrics.put(metricName, new Metric() {
            @Override
            public MetricName metricName() {
                return metricName;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }
}
