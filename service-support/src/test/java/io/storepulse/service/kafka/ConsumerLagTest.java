package io.storepulse.service.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerLagTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsumerLag lag = new ConsumerLag(registry, "g-1");

    @Test
    void onePerPartitionRowReplacesTheLastAndAnUnreadableLagRemovesThem() {
        lag.update(Map.of(new TopicPartition("click-events", 0), 12L, new TopicPartition("click-events", 1), 0L));
        assertThat(value("click-events", "0")).isEqualTo(12.0);
        assertThat(value("click-events", "1")).isEqualTo(0.0);

        lag.update(Map.of(new TopicPartition("click-events", 1), 7L));
        assertThat(registry.find("storepulse.consumer.lag").tag("partition", "0").gauge()).isNull();
        assertThat(value("click-events", "1")).isEqualTo(7.0);

        lag.update(null);
        assertThat(registry.find("storepulse.consumer.lag").gauges()).isEmpty();
    }

    private double value(String topic, String partition) {
        Gauge gauge = registry.get("storepulse.consumer.lag").tags("group", "g-1", "topic", topic, "partition", partition)
                .gauge();
        return gauge.value();
    }
}
