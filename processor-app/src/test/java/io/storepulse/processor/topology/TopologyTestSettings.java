package io.storepulse.processor.topology;

import io.storepulse.model.validation.EventRules;
import io.storepulse.processor.config.StoreKind;
import io.storepulse.processor.features.FeatureWindows;
import io.storepulse.processor.rules.FraudThresholds;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.function.LongSupplier;

/**
 * The contract's defaults: 10 min grace, 30 min session gap, 5 min / 1 h / 24 h feature spans; sessions and revenue
 * kept 7 days; the fraud rules' thresholds; commits every 50 ms while live (records written within the last second);
 * the user state in memory.
 */
final class TopologyTestSettings {

    private TopologyTestSettings() {
    }

    /** The defaults, with events validated against {@code wallClock} and the user state in {@code userStore}. */
    static TopologyProducer.Settings settings(LongSupplier wallClock, StoreKind userStore) {
        return new TopologyProducer.Settings(EventRules.defaults(), wallClock, Duration.ofMinutes(10),
                Duration.ofMinutes(30), FeatureWindows.DEFAULTS, Duration.ofDays(7), Duration.ofDays(7),
                FraudThresholds.DEFAULTS, Duration.ofMillis(50), Duration.ofSeconds(1), userStore);
    }

    /** A driver over the whole topology with the defaults; its wall clock, fixed, is also the validation's "now". */
    static TopologyTestDriver driver(String applicationId, Instant wallClock, InputGate.RouteCounter counter) {
        return driver(applicationId, wallClock, counter, (alert, latency) -> { });
    }

    static TopologyTestDriver driver(String applicationId, Instant wallClock, InputGate.RouteCounter counter,
                                     UserActivityProcessor.ActivityObserver observer) {
        return driver(settings(wallClock::toEpochMilli, StoreKind.MEMORY), applicationId, wallClock, counter, observer);
    }

    static TopologyTestDriver driver(TopologyProducer.Settings settings, String applicationId, Instant wallClock,
                                     InputGate.RouteCounter counter, UserActivityProcessor.ActivityObserver observer) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyTestDriver(TopologyProducer.build(settings, counter, observer), props, wallClock);
    }

    /** An input topic of the driver, as the producers write it: string keys, encoded values. */
    static TestInputTopic<String, byte[]> input(TopologyTestDriver driver, String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
    }
}
