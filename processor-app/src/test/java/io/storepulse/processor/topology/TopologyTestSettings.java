package io.storepulse.processor.topology;

import io.storepulse.model.validation.EventRules;
import io.storepulse.processor.config.StoreKind;
import io.storepulse.processor.features.FeatureWindows;
import io.storepulse.processor.rules.FraudThresholds;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * The contract's defaults: 10 min grace, 30 min session gap, 5 min / 1 h / 24 h feature spans; sessions and revenue
 * kept 7 days; the fraud rules' thresholds; commits every 50 ms while live (records written within the last second); the user state in memory.
 */
final class TopologyTestSettings {

    static final TopologyProducer.Settings DEFAULTS = new TopologyProducer.Settings(EventRules.defaults(),
            Duration.ofMinutes(10), Duration.ofMinutes(30), FeatureWindows.DEFAULTS, Duration.ofDays(7),
            Duration.ofDays(7), FraudThresholds.DEFAULTS, Duration.ofMillis(50), Duration.ofSeconds(1), StoreKind.MEMORY);

    private TopologyTestSettings() {
    }

    /** A driver over the whole topology with the contract's defaults and the given wall clock. */
    static TopologyTestDriver driver(String applicationId, Instant wallClock, InputGate.RouteCounter counter) {
        return driver(applicationId, wallClock, counter, (alert, latency) -> { });
    }

    static TopologyTestDriver driver(String applicationId, Instant wallClock, InputGate.RouteCounter counter,
                                     UserActivityProcessor.ActivityObserver observer) {
        return driver(DEFAULTS, applicationId, wallClock, counter, observer);
    }

    /** The defaults with the user state in the given kind of store. */
    static TopologyProducer.Settings withUserStore(StoreKind kind) {
        TopologyProducer.Settings d = DEFAULTS;
        return new TopologyProducer.Settings(d.rules(), d.grace(), d.sessionGap(), d.featureWindows(),
                d.sessionRetention(), d.revenueRetention(), d.fraud(), d.commitLiveInterval(), d.commitLiveLag(), kind);
    }

    static TopologyTestDriver driver(TopologyProducer.Settings settings, String applicationId, Instant wallClock,
                                     InputGate.RouteCounter counter, UserActivityProcessor.ActivityObserver observer) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyTestDriver(TopologyProducer.build(settings, counter, observer), props, wallClock);
    }
}
