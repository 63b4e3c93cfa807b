package io.storepulse.processor.archive;

import io.storepulse.model.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Map;

/**
 * How many input records the topology of this instance has yet to read: the sum of its stream threads' consumer
 * lag over the input partitions they own, from Kafka Streams' own metrics (the latest value, not a window's max).
 */
@ApplicationScoped
public class TopologyLag {

    private static final String GROUP = "consumer-fetch-manager-metrics";
    private static final String NAME = "records-lag";

    private final Instance<KafkaStreams> streams;

    public TopologyLag(Instance<KafkaStreams> streams) {
        this.streams = streams;
    }

    /** The lag in records, or -1 when the topology is not running or reports none. */
    public long records() {
        if (!streams.isResolvable()) {
            return -1;
        }
        KafkaStreams topology = streams.get();
        if (topology.state() != KafkaStreams.State.RUNNING) {
            return -1;
        }
        return sum(topology.metrics());
    }

    static long sum(Map<MetricName, ? extends Metric> metrics) {
        long lag = 0;
        boolean seen = false;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            if (!NAME.equals(name.name()) || !GROUP.equals(name.group())
                    || !Topics.INPUTS.contains(name.tags().get("topic")) || !mainConsumer(name.tags().get("client-id"))) {
                continue;
            }
            Object value = entry.getValue().metricValue();
            if (value instanceof Number number && !Double.isNaN(number.doubleValue())) {
                lag += Math.max(0, number.longValue());
                seen = true;
            }
        }
        return seen ? lag : -1;
    }

    /** A stream thread's main consumer, {@code <client>-StreamThread-<n>-consumer}; not its restore consumer. */
    private static boolean mainConsumer(String clientId) {
        return clientId != null && clientId.endsWith("-consumer") && !clientId.endsWith("-restore-consumer");
    }
}
